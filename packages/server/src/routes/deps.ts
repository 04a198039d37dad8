import type { Platform } from '../platform';
import type { HeaderProfiles } from '../http/headers';
import type { Availability } from '../methods/availability';

/** What route modules receive: the platform's services, the header profiles and which methods are on. */
export interface RouteDeps {
  readonly platform: Platform;
  readonly headers: HeaderProfiles;
  readonly methods: Availability;
}
