import { LIVEKIT_CONFIG, startLiveKitServer } from './lib/livekit-server';

const livekit = await startLiveKitServer().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
console.log(`LiveKit is up at ${livekit.url} (keys devkey/secret, config ${LIVEKIT_CONFIG}); Ctrl-C stops it`);
const stop = () => void livekit.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
