// Resources served from another resource's storage, converted on the way in and out:
// events.k8s.io/v1 Events over core Events (M-1, eventsView.ts) and autoscaling/v1
// HorizontalPodAutoscalers over autoscaling/v2 (hpaView.ts).
import { findResource, type ResourceDescriptor } from '../../registry/resources';
import type { KubeObject } from '../../types';
import { coreToEventsV1, eventsV1ToCore } from './eventsView';
import { hpaV1ToV2, hpaV2ToV1 } from './hpaView';

export interface StorageView {
  /** The descriptor whose storage, strategy and validation serve this resource. */
  storage: ResourceDescriptor;
  toStorage(obj: KubeObject): KubeObject;
  fromStorage(obj: KubeObject): KubeObject;
}

const views = new Map<ResourceDescriptor, StorageView | undefined>();

function build(d: ResourceDescriptor): StorageView | undefined {
  if (d.group === 'events.k8s.io' && d.resource === 'events') {
    const core = findResource('', 'v1', 'events');
    return core && { storage: core, toStorage: eventsV1ToCore, fromStorage: coreToEventsV1 };
  }
  if (d.group === 'autoscaling' && d.version === 'v1' && d.resource === 'horizontalpodautoscalers') {
    const v2 = findResource('autoscaling', 'v2', 'horizontalpodautoscalers');
    return v2 && { storage: v2, toStorage: hpaV1ToV2, fromStorage: hpaV2ToV1 };
  }
  return undefined;
}

/** The storage view of a resource served from another resource's storage, if any. */
export function storageView(d: ResourceDescriptor): StorageView | undefined {
  if (!views.has(d)) views.set(d, build(d));
  return views.get(d);
}

/** Converts stored JSON text into the view's JSON text. */
export function viewJSON(view: StorageView | undefined, json: string): string {
  return view ? JSON.stringify(view.fromStorage(JSON.parse(json) as KubeObject)) : json;
}
