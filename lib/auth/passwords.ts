import 'server-only';
import bcrypt from 'bcryptjs';

const COST = 12;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// compared against when the email is unknown, so a wrong email takes as long as a wrong password
let unknownAccountHash: Promise<string> | undefined;

export async function burnPasswordCheck(password: string): Promise<void> {
  unknownAccountHash ??= hashPassword('stagekeeper: no such account');
  await bcrypt.compare(password, await unknownAccountHash);
}
