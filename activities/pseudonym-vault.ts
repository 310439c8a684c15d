/**
 * Keeps the originals that `ai.pseudonymize` replaced, encrypted with the deployment's data
 * key (ROUAGE_DATA_KEY), and gives them back to the API for agents allowed to see them.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { PseudonymMappingModel } from '../platform/storage';

export interface Replacement {
  token: string;
  type: string;
  value: string;
}

export interface PseudonymVault {
  store(id: string, where: { instanceId: string; processKey: string; elementId: string }, replacements: readonly Replacement[]): Promise<void>;
  reveal(instanceId: string): Promise<{ elementId: string; at: Date; replacements: Replacement[] }[]>;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function parseDataKey(text: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error('ROUAGE_DATA_KEY must be 32 bytes, as 64 hex characters (e.g. `openssl rand -hex 32`).');
  return key;
}

function seal(key: Buffer, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
}

function open(key: Buffer, sealed: string): string {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}

export function createPseudonymVault(key: Buffer): PseudonymVault {
  return {
    async store(id, where, replacements) {
      await PseudonymMappingModel.updateOne({ _id: id }, { $set: { ...where, sealed: seal(key, JSON.stringify(replacements)), at: new Date() } }, { upsert: true });
    },
    async reveal(instanceId) {
      const records = await PseudonymMappingModel.find({ instanceId }).sort({ at: 1 }).lean();
      return records.map((record) => ({ elementId: record.elementId, at: record.at, replacements: JSON.parse(open(key, record.sealed)) as Replacement[] }));
    },
  };
}
