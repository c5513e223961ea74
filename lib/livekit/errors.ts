export type LiveKitErrorCode =
  | 'not_found'
  | 'permission_denied'
  | 'invalid_argument'
  | 'remote_unmute_disabled'
  | 'failed_precondition'
  | 'unreachable'
  | 'timeout'
  /** LiveKit's "too many requests" (HTTP 429, Twirp resource_exhausted), or Stagekeeper's own budget spent */
  | 'rate_limited'
  | 'internal';

export class LiveKitError extends Error {
  override name = 'LiveKitError';
  constructor(
    readonly code: LiveKitErrorCode,
    message: string,
    readonly status?: number,
    /** for rate_limited: how long to wait before calling again */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** LiveKit names no wait on every refusal; then this long. */
const DEFAULT_RETRY_AFTER_MS = 5_000;

export function seconds(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))} s`;
}

function retryAfterMs(metadata: Record<string, string> | undefined): number {
  const named = Number(metadata?.retry_after ?? metadata?.['retry-after']);
  return Number.isFinite(named) && named > 0 ? named * 1000 : DEFAULT_RETRY_AFTER_MS;
}

interface ServerErrorLike {
  status: number;
  code?: string;
  message: string;
  metadata?: Record<string, string>;
}

function isServerErrorLike(error: unknown): error is ServerErrorLike {
  return (
    error instanceof Error &&
    typeof (error as Partial<ServerErrorLike>).status === 'number' &&
    (error as Error).name !== 'LiveKitError'
  );
}

const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function networkCause(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_ERROR_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) return 'fetch failed';
  return undefined;
}

function statusCode(status: number, code: string | undefined): LiveKitErrorCode {
  switch (code) {
    case 'not_found':
      return 'not_found';
    case 'permission_denied':
    case 'unauthenticated':
      return 'permission_denied';
    case 'invalid_argument':
    case 'malformed':
    case 'out_of_range':
      return 'invalid_argument';
    case 'failed_precondition':
      return 'failed_precondition';
    case 'unavailable':
      return 'unreachable';
    case 'deadline_exceeded':
      return 'timeout';
    case 'resource_exhausted':
      return 'rate_limited';
  }
  if (status === 429) return 'rate_limited';
  if (status === 404) return 'not_found';
  if (status === 401 || status === 403) return 'permission_denied';
  if (status === 400) return 'invalid_argument';
  if (status === 412) return 'failed_precondition';
  if (status === 502 || status === 503) return 'unreachable';
  if (status === 504) return 'timeout';
  return 'internal';
}

/** Turns anything the server SDK or fetch can throw into one typed LiveKitError. */
export function toLiveKitError(error: unknown, serverUrl: string): LiveKitError {
  if (error instanceof LiveKitError) return error;

  if (isServerErrorLike(error)) {
    const code = statusCode(error.status, error.code);
    const detail = error.message || `HTTP ${error.status}`;
    if (code === 'failed_precondition' && /remote unmute/i.test(detail)) {
      return new LiveKitError(
        'remote_unmute_disabled',
        'Remote unmute is disabled on this LiveKit server (room.enable_remote_unmute is off): ask the participant to unmute, or enable it in the server config',
        error.status,
      );
    }
    if (code === 'permission_denied') {
      return new LiveKitError(
        code,
        `LiveKit at ${serverUrl} refused the API key or its grants: ${detail}`,
        error.status,
      );
    }
    if (code === 'rate_limited') {
      const wait = retryAfterMs(error.metadata);
      return new LiveKitError(code, `LiveKit at ${serverUrl} is refusing calls for now (too many requests); try again in ${seconds(wait)}`, error.status, wait);
    }
    if (code === 'unreachable') {
      return new LiveKitError(code, `Cannot reach LiveKit at ${serverUrl}: ${detail}`, error.status);
    }
    return new LiveKitError(code, capitalize(detail), error.status);
  }

  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new LiveKitError('timeout', `LiveKit at ${serverUrl} did not answer in time`);
  }

  const cause = networkCause(error);
  if (cause) {
    return new LiveKitError('unreachable', `Cannot reach LiveKit at ${serverUrl} (${cause})`);
  }

  const message = error instanceof Error ? error.message : String(error);
  return new LiveKitError('internal', `Unexpected LiveKit failure: ${message}`);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
