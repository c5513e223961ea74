import { parseEnv } from '../lib/env';
import { startDemoCrowd } from './lib/demo-crowd';

const { livekit } = parseEnv(process.env);
const crowd = await startDemoCrowd(
  { url: livekit.apiUrl, apiKey: livekit.apiKey, apiSecret: livekit.apiSecret },
  { log: (line) => console.log(`\x1b[36m[demo-crowd]\x1b[0m ${line}`) },
);

const leave = () => void crowd.leave().then(() => process.exit(0));
process.on('SIGINT', leave);
process.on('SIGTERM', leave);
