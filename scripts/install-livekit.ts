import { ensureLiveKitServer, LIVEKIT_VERSION } from './lib/livekit-server';

try {
  const binary = ensureLiveKitServer();
  console.log(`livekit-server ${LIVEKIT_VERSION} is ready at ${binary}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
