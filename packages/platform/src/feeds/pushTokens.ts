import { createHash, randomBytes } from 'node:crypto';

/** A push token as stored: only its SHA-256, so a database leak reveals no token that publishes. */
export const hashPushToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A fresh push token (shown once, at creation or rotation). */
export const newPushToken = () => `push_${randomBytes(24).toString('base64url')}`;
