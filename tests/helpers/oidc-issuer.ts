import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Who the test issuer says signed in, for the next authorization it answers. */
export interface OidcIdentity {
  sub: string;
  email: string;
  emailVerified: boolean;
  name?: string;
}

export interface TestOidcIssuer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** the identity the next /authorize hands out */
  signInAs(identity: OidcIdentity): void;
  stop(): Promise<void>;
}

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

function signJwt(payload: Record<string, unknown>, key: KeyObject, kid: string): string {
  const input = `${base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }))}.${base64url(JSON.stringify(payload))}`;
  return `${input}.${base64url(sign('sha256', Buffer.from(input), key))}`;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A minimal OpenID Connect issuer on loopback: discovery, JWKS, an authorization endpoint that
 * signs in the chosen identity at once and redirects back with a code, and a token endpoint that
 * checks the client, the redirect URI and PKCE, and answers an RS256 ID token.
 */
export async function startOidcIssuer(): Promise<TestOidcIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  const clientId = 'stagekeeper-test';
  const clientSecret = randomBytes(24).toString('hex');
  let next: OidcIdentity | undefined;
  const codes = new Map<string, { identity: OidcIdentity; redirectUri: string; challenge?: string; nonce?: string }>();
  let issuer = '';

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', issuer);
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        code_challenge_methods_supported: ['S256'],
        scopes_supported: ['openid', 'email', 'profile'],
      });
    }
    if (url.pathname === '/jwks') {
      return json(200, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] });
    }
    if (url.pathname === '/authorize') {
      const redirectUri = url.searchParams.get('redirect_uri');
      if (url.searchParams.get('client_id') !== clientId || !redirectUri || !next) return json(400, { error: 'invalid_request' });
      const code = randomBytes(16).toString('hex');
      codes.set(code, {
        identity: next,
        redirectUri,
        challenge: url.searchParams.get('code_challenge') ?? undefined,
        nonce: url.searchParams.get('nonce') ?? undefined,
      });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      const state = url.searchParams.get('state');
      if (state) back.searchParams.set('state', state);
      response.writeHead(302, { Location: back.toString() });
      return response.end();
    }
    if (url.pathname === '/token' && request.method === 'POST') {
      const form = new URLSearchParams(await bodyOf(request));
      const basic = request.headers.authorization?.match(/^Basic (.+)$/)?.[1];
      const [id, secret] = basic
        ? Buffer.from(basic, 'base64').toString('utf8').split(':').map(decodeURIComponent)
        : [form.get('client_id'), form.get('client_secret')];
      if (id !== clientId || secret !== clientSecret) return json(401, { error: 'invalid_client' });
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      if (!grant || grant.redirectUri !== form.get('redirect_uri')) return json(400, { error: 'invalid_grant' });
      const verifier = form.get('code_verifier') ?? '';
      if (grant.challenge && createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) {
        return json(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
      }
      const accessToken = randomBytes(24).toString('hex');
      const now = Math.floor(Date.now() / 1000);
      const idToken = signJwt(
        {
          iss: issuer,
          sub: grant.identity.sub,
          aud: clientId,
          iat: now,
          exp: now + 300,
          email: grant.identity.email,
          email_verified: grant.identity.emailVerified,
          name: grant.identity.name ?? grant.identity.email,
          at_hash: createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url'),
          ...(grant.nonce && { nonce: grant.nonce }),
        },
        privateKey,
        kid,
      );
      return json(200, { access_token: accessToken, token_type: 'Bearer', expires_in: 300, id_token: idToken, scope: 'openid email profile' });
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    clientId,
    clientSecret,
    signInAs: (identity) => {
      next = identity;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A cookie jar for one browser-less visitor. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      if (value.join('') === '' || /max-age=0/i.test(line)) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  has(suffix: string): boolean {
    return [...this.cookies.keys()].some((name) => name.endsWith(suffix));
  }
}

/**
 * Signs in through next-auth's OIDC flow over plain HTTP, as a browser would: the sign-in POST,
 * the issuer's authorize redirect, the app's callback. Answers the cookie header when a session
 * came out, and where the callback sent the visitor (the sign-in page with `?error=` when refused).
 */
export async function signInWithSso(appUrl: string): Promise<{ cookie?: string; location: string }> {
  const jar = new CookieJar();
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  jar.keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const start = await fetch(`${appUrl}/api/auth/signin/oidc`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, callbackUrl: `${appUrl}/`, json: 'true' }),
  });
  jar.keep(start);
  const { url: authorizeUrl } = (await start.json()) as { url: string };
  const authorize = await fetch(authorizeUrl, { redirect: 'manual' });
  const callbackUrl = authorize.headers.get('location');
  if (!callbackUrl) throw new Error(`the issuer did not redirect back (status ${authorize.status})`);
  const callback = await fetch(callbackUrl, { redirect: 'manual', headers: { Cookie: jar.header() } });
  jar.keep(callback);
  const location = callback.headers.get('location') ?? '';
  return { location, ...(jar.has('next-auth.session-token') && { cookie: jar.header() }) };
}
