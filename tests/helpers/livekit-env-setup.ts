import { inject } from 'vitest';

const server = inject('livekit');
process.env.LIVEKIT_URL = server.url;
process.env.LIVEKIT_API_KEY = server.apiKey;
process.env.LIVEKIT_API_SECRET = server.apiSecret;
process.env.STAGEKEEPER_APP_KEY = inject('appKey');
