// Protobuf request bodies (contract P-3, Appendix A).
export { decodeProtobufBody, decodeMessage, protobufKinds, PROTOBUF_MAGIC } from './decode';
