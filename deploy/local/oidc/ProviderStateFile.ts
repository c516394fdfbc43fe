import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { writeFileAtomic } from '../storage/AtomicFile';
import { OidcDataFolderError } from './errors';

/** A stored model instance as oidc-provider hands it over: a JSON object. */
export type StoredPayload = Record<string, unknown>;

/** The storage interface oidc-provider expects for each model (Session, Grant, RefreshToken, Interaction, ...). */
export interface ProviderAdapter {
  upsert(id: string, payload: StoredPayload, expiresInSeconds?: number): Promise<void>;
  find(id: string): Promise<StoredPayload | undefined>;
  findByUid(uid: string): Promise<StoredPayload | undefined>;
  findByUserCode(userCode: string): Promise<StoredPayload | undefined>;
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

interface Entry {
  model: string;
  payload: StoredPayload;
  /** Epoch milliseconds after which the entry is gone; absent = kept until destroyed. */
  expiresAt?: number;
}

interface FileContent {
  version: 1;
  entries: Record<string, Entry>;
}

/**
 * Everything oidc-provider stores (sessions, grants, refresh tokens, interactions, codes), kept in memory and
 * written to one JSON file after every change, so a restarted provider still knows its sessions and refresh
 * tokens. Sized for a local provider with a handful of users: lookups scan, writes rewrite the whole file.
 */
export class ProviderStateFile {
  private readonly entries: Map<string, Entry>;
  /** A write that has not started yet: it will include every change made until it starts. */
  private queuedWrite: Promise<void> | undefined;
  /** The last write started (never rejects; callers see failures through `queuedWrite`). */
  private lastWrite: Promise<void> = Promise.resolve();

  private constructor(
    private readonly path: string,
    entries: Map<string, Entry>,
    /** Seconds an entry is kept past its expiry, matching the provider's clock tolerance. */
    private readonly graceSeconds: number,
  ) {
    this.entries = entries;
  }

  /** Reads the file if it exists (dropping expired entries), or starts empty. */
  static async open(path: string, { graceSeconds = 0 }: { graceSeconds?: number } = {}): Promise<ProviderStateFile> {
    await mkdir(dirname(path), { recursive: true });
    let text: string | undefined;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const state = new ProviderStateFile(path, text === undefined ? new Map() : parse(text, path), graceSeconds);
    state.dropExpired();
    return state;
  }

  /** The `adapter` option of oidc-provider: one adapter per model name, all backed by this file. */
  readonly adapterFactory = (model: string): ProviderAdapter => {
    const key = (id: string) => `${model}:${id}`;
    const live = (entry: Entry | undefined): entry is Entry =>
      entry !== undefined && (entry.expiresAt === undefined || entry.expiresAt > Date.now());
    const findWhere = (member: string, value: string) => {
      for (const entry of this.entries.values()) {
        if (entry.model === model && entry.payload[member] === value && live(entry))
          return structuredClone(entry.payload);
      }
      return undefined;
    };
    return {
      upsert: async (id, payload, expiresInSeconds) => {
        const expiresAt =
          expiresInSeconds === undefined ? undefined : Date.now() + (expiresInSeconds + this.graceSeconds) * 1000;
        this.entries.set(key(id), { model, payload: structuredClone(payload), ...(expiresAt && { expiresAt }) });
        await this.persist();
      },
      find: async id => {
        const entry = this.entries.get(key(id));
        return live(entry) ? structuredClone(entry.payload) : undefined;
      },
      findByUid: async uid => findWhere('uid', uid),
      findByUserCode: async userCode => findWhere('userCode', userCode),
      consume: async id => {
        const entry = this.entries.get(key(id));
        if (!entry) return;
        entry.payload.consumed = Math.floor(Date.now() / 1000);
        await this.persist();
      },
      destroy: async id => {
        if (this.entries.delete(key(id))) await this.persist();
      },
      revokeByGrantId: async grantId => {
        let removed = false;
        for (const [entryKey, entry] of this.entries) {
          if (entry.model === model && entry.payload.grantId === grantId) {
            this.entries.delete(entryKey);
            removed = true;
          }
        }
        if (removed) await this.persist();
      },
    };
  };

  /** Resolves once every change made so far is on disk. */
  async flush(): Promise<void> {
    await (this.queuedWrite ?? this.lastWrite);
  }

  private persist(): Promise<void> {
    if (!this.queuedWrite) {
      const write = this.lastWrite.then(() => {
        this.queuedWrite = undefined;
        return this.writeSnapshot();
      });
      this.queuedWrite = write;
      this.lastWrite = write.catch(() => undefined);
    }
    return this.queuedWrite;
  }

  private async writeSnapshot(): Promise<void> {
    this.dropExpired();
    const content: FileContent = { version: 1, entries: Object.fromEntries(this.entries) };
    await writeFileAtomic(this.path, JSON.stringify(content));
  }

  private dropExpired(): void {
    const now = Date.now();
    for (const [entryKey, entry] of this.entries) {
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) this.entries.delete(entryKey);
    }
  }
}

function parse(text: string, path: string): Map<string, Entry> {
  let content: Partial<FileContent>;
  try {
    content = JSON.parse(text) as Partial<FileContent>;
  } catch {
    throw new OidcDataFolderError(path, 'is not valid JSON');
  }
  if (content?.version !== 1 || typeof content.entries !== 'object' || content.entries === null) {
    throw new OidcDataFolderError(path, 'is not a provider state file (version 1)');
  }
  return new Map(Object.entries(content.entries));
}
