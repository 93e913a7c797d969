import type { HistoryDatabase } from './database'

/** One step of the schema; `version` is what `PRAGMA user_version` holds once it has been applied. */
export interface Migration {
  version: number
  description: string
  up(db: HistoryDatabase): void
}

/** Thrown when the file was written by a newer ollmchat: opening it would risk a silent downgrade. */
export class HistoryVersionError extends Error {
  override readonly name = 'HistoryVersionError'
  constructor(
    readonly fileVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `The chat history was saved by a newer version of ollmchat (schema ${fileVersion}; this version knows up to ` +
        `${knownVersion}). Update ollmchat to open it; the file was left untouched.`,
    )
  }
}

// Both tables carry an explicit INTEGER PRIMARY KEY: the search index refers to messages by rowid, and VACUUM
// may renumber implicit rowids, which would silently point the index at the wrong messages.
const coreTables: Migration = {
  version: 1,
  description: 'conversations and messages',
  up(db) {
    db.exec(`
      CREATE TABLE conversations (
        pk INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        model TEXT,
        system_prompt TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      );
      CREATE INDEX conversations_by_activity ON conversations (updated_at DESC) WHERE deleted_at IS NULL;
      CREATE INDEX conversations_deleted ON conversations (deleted_at) WHERE deleted_at IS NOT NULL;

      CREATE TABLE messages (
        pk INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'notice')),
        content TEXT NOT NULL,
        thinking TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('complete', 'streaming', 'cancelled', 'error', 'interrupted')),
        model TEXT,
        served_by TEXT,
        num_ctx INTEGER CHECK (num_ctx IS NULL OR num_ctx > 0),
        error TEXT CHECK (error IS NULL OR json_valid(error)),
        stats TEXT CHECK (stats IS NULL OR json_valid(stats)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (conversation_id, seq)
      );
      CREATE INDEX messages_streaming ON messages (status) WHERE status = 'streaming';
    `)
  },
}

// The index is external-content over a view, so message text is stored once and each row also carries its
// conversation's title. FTS5 needs the exact old values to remove a row, hence the triggers read the title
// before it changes and a conversation drops its messages *before* it disappears (a cascade would run after).
// No porter stemmer: it is English-only and, combined with the prefix queries search uses, it breaks
// search-as-you-type ("connecti"* does not match the stem "connect"); prefixes already cover most suffixes.
const searchIndex: Migration = {
  version: 2,
  description: 'full-text search over messages and conversation titles',
  up(db) {
    db.exec(`
      CREATE VIEW message_search_source AS
        SELECT m.pk AS pk, m.content AS content, c.title AS title
        FROM messages m JOIN conversations c ON c.id = m.conversation_id;

      CREATE VIRTUAL TABLE message_search USING fts5(
        content, title,
        content = 'message_search_source', content_rowid = 'pk',
        tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
      );

      CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
        INSERT INTO message_search (rowid, content, title)
          VALUES (new.pk, new.content, (SELECT title FROM conversations WHERE id = new.conversation_id));
      END;
      CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
        INSERT INTO message_search (message_search, rowid, content, title)
          VALUES ('delete', old.pk, old.content, (SELECT title FROM conversations WHERE id = old.conversation_id));
      END;
      CREATE TRIGGER messages_search_update AFTER UPDATE OF content, conversation_id ON messages
        WHEN old.content IS NOT new.content OR old.conversation_id IS NOT new.conversation_id BEGIN
        INSERT INTO message_search (message_search, rowid, content, title)
          VALUES ('delete', old.pk, old.content, (SELECT title FROM conversations WHERE id = old.conversation_id));
        INSERT INTO message_search (rowid, content, title)
          VALUES (new.pk, new.content, (SELECT title FROM conversations WHERE id = new.conversation_id));
      END;
      CREATE TRIGGER conversations_search_title AFTER UPDATE OF title ON conversations
        WHEN old.title IS NOT new.title BEGIN
        INSERT INTO message_search (message_search, rowid, content, title)
          SELECT 'delete', pk, content, old.title FROM messages WHERE conversation_id = old.id;
        INSERT INTO message_search (rowid, content, title)
          SELECT pk, content, new.title FROM messages WHERE conversation_id = new.id;
      END;
      CREATE TRIGGER conversations_drop_messages BEFORE DELETE ON conversations BEGIN
        DELETE FROM messages WHERE conversation_id = old.id;
      END;

      INSERT INTO message_search (message_search) VALUES ('rebuild');
    `)
  },
}

// Older rows keep NULL in both: a reply saved before this version has no context report, a notice no structure.
const contextReports: Migration = {
  version: 3,
  description: 'context report of each reply and structured notices',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN context TEXT CHECK (context IS NULL OR json_valid(context));
      ALTER TABLE messages ADD COLUMN notice TEXT CHECK (notice IS NULL OR json_valid(notice));
    `)
  },
}

// Temporary-model records are machine state, not settings: they move here from settings.json (the core imports the
// old entries once). The key is the host and the model path in lower case, as Ollama compares names.
const hostsAndTempModels: Migration = {
  version: 4,
  description: "the host of each conversation's latest reply, and the temporary models ollmchat made",
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN last_host TEXT;

      CREATE TABLE temp_models (
        host TEXT NOT NULL,
        path_key TEXT NOT NULL,
        path TEXT NOT NULL,
        base_model TEXT NOT NULL,
        base_digest TEXT NOT NULL,
        num_ctx INTEGER NOT NULL CHECK (num_ctx > 0),
        created_at TEXT NOT NULL,
        last_used_at TEXT,
        PRIMARY KEY (host, path_key)
      ) WITHOUT ROWID;
    `)
  },
}

// A conversation becomes a tree: regenerating a reply or editing a message adds a sibling instead of deleting what
// came after. `parent_id` is the message before (NULL for the first); `on_path` marks the branch shown (and sent to
// the model, searched, exported as the conversation), so every path query is an index range over
// `messages_on_path`. A child is always inserted after its parent, so `seq` orders any path. `path_stamp` grows each
// time a message joins the path: moving back to a version follows, below it, the children it was last shown with.
// Existing histories become one straight branch, every message on it.
const messageTree: Migration = {
  version: 5,
  description: 'messages as a tree: versions of replies and edited messages',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN parent_id TEXT;
      ALTER TABLE messages ADD COLUMN on_path INTEGER NOT NULL DEFAULT 1 CHECK (on_path IN (0, 1));
      ALTER TABLE messages ADD COLUMN path_stamp INTEGER NOT NULL DEFAULT 0;
      UPDATE messages SET parent_id = (
        SELECT p.id FROM messages p
        WHERE p.conversation_id = messages.conversation_id AND p.seq < messages.seq
        ORDER BY p.seq DESC LIMIT 1
      );
      CREATE INDEX messages_children ON messages (conversation_id, parent_id, role, seq);
      CREATE INDEX messages_on_path ON messages (conversation_id, seq) WHERE on_path = 1;
      CREATE INDEX messages_path_stamps ON messages (conversation_id, path_stamp);
    `)
  },
}

// Images stay beside their message, as the bytes (not base64 text, a third larger); the cascade drops them with it.
const messageImages: Migration = {
  version: 6,
  description: 'images attached to user messages',
  up(db) {
    db.exec(`
      CREATE TABLE message_images (
        message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        position INTEGER NOT NULL CHECK (position >= 0),
        mime TEXT NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (message_id, position)
      ) WITHOUT ROWID;
    `)
  },
}

// Per-conversation model options (JSON, only those the user changed) and the thinking choice (NULL: the model's own).
const conversationOptions: Migration = {
  version: 7,
  description: 'per-conversation model options and thinking',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN options TEXT CHECK (options IS NULL OR json_valid(options));
      ALTER TABLE conversations ADD COLUMN think TEXT;
    `)
  },
}

/** The schema's history, oldest first. Append only: a released migration never changes. */
export const MIGRATIONS: readonly Migration[] = [
  coreTables,
  searchIndex,
  contextReports,
  hostsAndTempModels,
  messageTree,
  messageImages,
  conversationOptions,
]

function checkOrder(migrations: readonly Migration[]): number {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration "${migration.description}" has version ${migration.version}, expected ${index + 1}.`)
    }
  })
  return migrations.length
}

const userVersion = (db: HistoryDatabase) => db.pragma('user_version', { simple: true }) as number

/**
 * Brings the file up to the newest schema, one transaction per migration (a failing step leaves the file at
 * the previous version, untouched by that step). Refuses, before writing anything, a file whose version is
 * newer than `migrations` knows. Safe against another process migrating the same file at the same time.
 */
export function migrate(
  db: HistoryDatabase,
  migrations: readonly Migration[] = MIGRATIONS,
): { from: number; to: number } {
  const latest = checkOrder(migrations)
  const from = userVersion(db)
  if (from > latest) throw new HistoryVersionError(from, latest)
  for (const migration of migrations) {
    if (migration.version <= from) continue
    // IMMEDIATE takes the write lock first, so the version read inside cannot be stale.
    db.transaction(() => {
      if (userVersion(db) >= migration.version) return
      migration.up(db)
      db.pragma(`user_version = ${migration.version}`)
    }).immediate()
  }
  return { from, to: userVersion(db) }
}
