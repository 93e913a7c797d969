/**
 * What ollmchat knows about the context a reply really ran with. Ollama says little on its own: it drops old
 * messages without a word, picks an automatic context nobody sees, and only `/api/ps` tells the real number. These
 * types carry what the core worked out, so every window shows the same truth.
 */
import type { ContextSource } from './models'

/** Saved with every assistant reply: what the model really had to work with. */
export interface ContextReport {
  /** The `num_ctx` ollmchat asked for (the user's setting); `null` when the model's own or Ollama's applied. */
  asked: number | null
  /** Whose setting it was: the user's, the model's own, or Ollama's choice. */
  source: ContextSource
  /** The context the runner really had (`/api/ps` `context_length`), when Ollama told it. */
  effective: number | null
  /** Tokens of the prompt Ollama evaluated (after anything it dropped). */
  promptTokens: number | null
  /** Tokens of the reply (thinking included). */
  replyTokens: number | null
  /** Ollama dropped the start of the conversation (or of this message) to make the prompt fit. */
  truncated: boolean
  /** About how many earlier messages the model no longer saw (0 when nothing was dropped). */
  droppedMessages: number
  /** Even the last message did not fit: Ollama kept only its end, and the system prompt may be gone too. */
  messageCut: boolean
  /** The reply stopped at its length limit (`done_reason: "length"`), not because it was finished. */
  lengthLimited: boolean
  /**
   * The length of the system prompt this reply was sent with (`null` when not recorded). Its token counts describe
   * that prompt: a later estimate relies on them only while the system prompt (and the model) are still the same.
   */
  systemPromptChars: number | null
}

/** Structured facts of a notice, so the window can offer its actions (the text alone is for people). */
export type NoticeInfo =
  /** The reply could not use the user's context setting as asked (fallback to the base model, cloud model). */
  | { kind: 'context-setting' }
  /** The first message of a conversation continued from another one's summary. */
  | { kind: 'continued-from'; conversationId: string; title: string }
  /** The model cannot read images, so the images on the path were left out of the prompt (`count` of them). */
  | { kind: 'images-not-sent'; model: string; count: number }
  | {
      kind: 'context-truncated'
      /** The conversation's model as Ollama lists it. */
      model: string
      /** The context it ran with when the notice was written. */
      effective: number | null
      droppedMessages: number
      /** The one-click "Raise the context" value, or `null` when there is no larger context to offer. */
      raiseTo: number | null
      /** Why there is no larger context to offer (trained length reached, would not fit in memory). */
      raiseBlockedReason: string | null
    }

/** `models:estimateMemory`: what a model would need in memory at a context length (f16 KV cache). */
export interface MemoryEstimate {
  weightsBytes: number
  kvCacheBytes: number
  totalBytes: number
  /**
   * GPU memory known to be available to this model, when ollmchat has seen it (a loaded model that spilled to
   * the CPU shows exactly how much fitted); `null` when unknown.
   */
  gpuBytes: number | null
}

/** Memory a loaded model occupies right now (`/api/ps`). */
export interface RunningMemory {
  sizeBytes: number
  /** The part on the GPU; less than `sizeBytes` means layers run on the CPU. */
  vramBytes: number
  /**
   * When Ollama will unload it if nothing uses it (`/api/ps` `expires_at`, ISO with offset); `null` when unknown or
   * kept loaded for good (a negative `keep_alive`, which Ollama shows as a date centuries ahead).
   */
  unloadsAt: string | null
}

/** What Ollama runs a model with when nobody sets `num_ctx`. */
export interface AutomaticContext {
  tokens: number
  /**
   * `seen`: Ollama ran this very model with it for ollmchat. `inferred`: Ollama chose it for another model on this
   * host, capped at this model's trained length (Ollama's default is server-wide).
   */
  basis: 'seen' | 'inferred'
}
