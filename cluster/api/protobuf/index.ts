// Protobuf request bodies (contract P-3, Appendix A).
export { decodeProtobufBody, decodeMessage } from './decode';
