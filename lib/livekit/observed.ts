import 'server-only';
import type { RoomServiceClient } from 'livekit-server-sdk';
import { observeLiveKitCall } from '@/lib/observability/observe';
import { toLiveKitError } from './errors';

/** The client with each method timed under its own name (ListRooms → listRooms) for the metrics. */
export function observed(service: RoomServiceClient, url: string): RoomServiceClient {
  return new Proxy(service, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) =>
        observeLiveKitCall(property, () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args), (error) => toLiveKitError(error, url).code);
    },
  });
}
