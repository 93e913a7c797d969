import type { SimArchitecture, SimModelSpec } from './types'

const LLAMA3_STOP = ['<|start_header_id|>', '<|end_header_id|>', '<|eot_id|>']
const QWEN_STOP = ['<|im_start|>', '<|im_end|>']

// Attention shapes as the models' GGUF metadata / Hugging Face config.json give them (the brief's numbers where it
// gave them; the others from those configs: DeepSeek-V2-Lite 27 layers, 16 heads, 2048 wide, keys 128 + 64 rope,
// values 128; gpt-oss-120b 36 layers; all-MiniLM-L6 6×12×384; nomic-embed-text 12×12×768; bge-m3 24×16×1024).
// Keys and values have the same size everywhere except DeepSeek-V2 (its GGUF without MLA: key 192, value 128).
// Sliding windows (`<arch>.attention.sliding_window`, which Ollama's converters copy from config.json's
// `sliding_window`: `convert/convert_gemma3.go` and `convert/convert_gptoss.go` `KV`): google/gemma-3-4b-it's
// config.json has `text_config.sliding_window` 1024; openai/gpt-oss-20b's and -120b's have `sliding_window` 128.
const LLAMA3_8B: SimArchitecture = { blockCount: 32, headCount: 32, headCountKv: 8, embeddingLength: 4096 }
const QWEN3_8B: SimArchitecture = {
  blockCount: 36,
  headCount: 32,
  headCountKv: 8,
  embeddingLength: 4096,
  keyLength: 128,
  valueLength: 128,
}
const GPT_OSS = {
  headCount: 64,
  headCountKv: 8,
  embeddingLength: 2880,
  keyLength: 64,
  valueLength: 64,
  slidingWindow: 128,
}

/**
 * Realistic specs for names tests and the CLI use without spelling every field. Keys are display names.
 * gpt-oss models take the rendered (harmony) chat path (`server/routes.go` `shouldUseHarmony`); DeepSeek-V2
 * (family deepseek2) runs without context shift (`server/sched.go` `supportsContextShift`).
 */
export const CATALOG: Record<string, Omit<SimModelSpec, 'name'>> = {
  'llama3:latest': {
    family: 'llama',
    parameterSize: '8.0B',
    quantization: 'Q4_0',
    contextLength: 8192,
    sizeBytes: 4_661_211_808,
    parameters: { num_keep: 24, stop: LLAMA3_STOP },
    architecture: LLAMA3_8B,
  },
  'llama3.1:8b': {
    family: 'llama',
    parameterSize: '8.0B',
    quantization: 'Q4_K_M',
    contextLength: 131072,
    sizeBytes: 4_920_738_944,
    parameters: { stop: LLAMA3_STOP },
    capabilities: ['completion', 'tools'],
    architecture: LLAMA3_8B,
  },
  'llama3.2:3b': {
    family: 'llama',
    parameterSize: '3.2B',
    quantization: 'Q4_K_M',
    contextLength: 131072,
    sizeBytes: 2_019_377_376,
    parameters: { stop: LLAMA3_STOP },
    capabilities: ['completion', 'tools'],
    architecture: { blockCount: 28, headCount: 24, headCountKv: 8, embeddingLength: 3072 },
  },
  'llama3.2:1b': {
    family: 'llama',
    parameterSize: '1.2B',
    quantization: 'Q8_0',
    contextLength: 131072,
    sizeBytes: 1_321_082_688,
    parameters: { stop: LLAMA3_STOP },
    capabilities: ['completion', 'tools'],
    architecture: { blockCount: 16, headCount: 32, headCountKv: 8, embeddingLength: 2048 },
  },
  'qwen3:8b': {
    family: 'qwen3',
    parameterSize: '8.2B',
    quantization: 'Q4_K_M',
    contextLength: 40960,
    sizeBytes: 5_225_373_760,
    parameters: { repeat_penalty: 1, stop: QWEN_STOP, temperature: 0.6, top_k: 20, top_p: 0.95 },
    capabilities: ['completion', 'tools', 'thinking'],
    architecture: QWEN3_8B,
  },
  'qwen3:4b': {
    family: 'qwen3',
    parameterSize: '4.0B',
    quantization: 'Q4_K_M',
    contextLength: 262144,
    sizeBytes: 2_497_281_536,
    parameters: { repeat_penalty: 1, stop: QWEN_STOP, temperature: 0.6, top_k: 20, top_p: 0.95 },
    capabilities: ['completion', 'tools', 'thinking'],
    architecture: {
      blockCount: 36,
      headCount: 32,
      headCountKv: 8,
      embeddingLength: 2560,
      keyLength: 128,
      valueLength: 128,
    },
  },
  'deepseek-r1:8b': {
    family: 'qwen3',
    parameterSize: '8.2B',
    quantization: 'Q4_K_M',
    contextLength: 131072,
    sizeBytes: 5_225_360_064,
    parameters: { stop: ['<｜begin▁of▁sentence｜>', '<｜end▁of▁sentence｜>'], temperature: 0.6, top_p: 0.95 },
    capabilities: ['completion', 'thinking'],
    architecture: QWEN3_8B,
  },
  'gemma3:4b': {
    family: 'gemma3',
    parameterSize: '4.3B',
    quantization: 'Q4_K_M',
    contextLength: 131072,
    sizeBytes: 3_338_787_520,
    parameters: { stop: ['<end_of_turn>'], temperature: 1, top_k: 64, top_p: 0.95 },
    capabilities: ['completion', 'vision'],
    architecture: {
      blockCount: 34,
      headCount: 8,
      headCountKv: 4,
      embeddingLength: 2560,
      keyLength: 256,
      valueLength: 256,
      slidingWindow: 1024,
    },
  },
  'mistral:7b': {
    family: 'llama',
    parameterSize: '7.2B',
    quantization: 'Q4_K_M',
    contextLength: 32768,
    sizeBytes: 4_372_809_600,
    parameters: { stop: ['[INST]', '[/INST]'] },
    capabilities: ['completion', 'tools'],
    architecture: LLAMA3_8B,
  },
  'gpt-oss:20b': {
    family: 'gptoss',
    parameterSize: '20.9B',
    quantization: 'MXFP4',
    contextLength: 131072,
    sizeBytes: 13_780_160_256,
    parameters: { temperature: 1 },
    capabilities: ['completion', 'tools', 'thinking'],
    chatPath: 'rendered',
    architecture: { blockCount: 24, ...GPT_OSS },
  },
  'gpt-oss:120b-cloud': {
    family: 'gptoss',
    parameterSize: '116.8B',
    quantization: 'MXFP4',
    contextLength: 131072,
    sizeBytes: 384,
    capabilities: ['completion', 'tools', 'thinking'],
    chatPath: 'rendered',
    architecture: { blockCount: 36, ...GPT_OSS },
  },
  'deepseek-v2:16b': {
    family: 'deepseek2',
    parameterSize: '15.7B',
    quantization: 'Q4_0',
    contextLength: 163840,
    sizeBytes: 8_905_110_112,
    parameters: { stop: ['User:', 'Assistant:'] },
    capabilities: ['completion'],
    architecture: {
      blockCount: 27,
      headCount: 16,
      headCountKv: 16,
      embeddingLength: 2048,
      keyLength: 192,
      valueLength: 128,
    },
  },
  // Embedding-only models: no 'completion', so chat and generate refuse them.
  'all-minilm:latest': {
    family: 'bert',
    parameterSize: '23M',
    quantization: 'F16',
    contextLength: 512,
    sizeBytes: 45_960_996,
    capabilities: ['embedding'],
    architecture: { blockCount: 6, headCount: 12, headCountKv: 12, embeddingLength: 384 },
  },
  'nomic-embed-text:latest': {
    family: 'nomic-bert',
    parameterSize: '137M',
    quantization: 'F16',
    contextLength: 2048,
    sizeBytes: 274_302_450,
    capabilities: ['embedding'],
    architecture: { blockCount: 12, headCount: 12, headCountKv: 12, embeddingLength: 768 },
  },
  'bge-m3:latest': {
    family: 'bert',
    parameterSize: '567M',
    quantization: 'F16',
    contextLength: 8192,
    sizeBytes: 1_157_671_296,
    capabilities: ['embedding'],
    architecture: { blockCount: 24, headCount: 16, headCountKv: 16, embeddingLength: 1024 },
  },
}

/** What `/api/pull` and an implicit pull in `/api/create` can fetch when `SimOptions.registry` is not given. */
export const DEFAULT_REGISTRY = [
  'llama3:latest',
  'llama3.1:8b',
  'llama3.2:3b',
  'llama3.2:1b',
  'qwen3:8b',
  'qwen3:4b',
  'deepseek-r1:8b',
  'gemma3:4b',
  'mistral:7b',
  'gpt-oss:20b',
  'gpt-oss:120b-cloud',
  'deepseek-v2:16b',
  'all-minilm',
  'nomic-embed-text',
  'bge-m3',
]

/** The CLI's default installed set. */
export const CLI_DEFAULT_MODELS = ['llama3.2:3b', 'qwen3:8b', 'gemma3:4b', 'mistral:7b']

const TEMPLATES: Record<string, string> = {
  llama:
    '{{ if .System }}<|start_header_id|>system<|end_header_id|>\n\n{{ .System }}<|eot_id|>{{ end }}' +
    '{{ range .Messages }}<|start_header_id|>{{ .Role }}<|end_header_id|>\n\n{{ .Content }}<|eot_id|>{{ end }}' +
    '<|start_header_id|>assistant<|end_header_id|>\n\n',
  qwen3:
    '{{- if .System }}<|im_start|>system\n{{ .System }}<|im_end|>\n{{ end }}' +
    '{{- range .Messages }}<|im_start|>{{ .Role }}\n{{ .Content }}<|im_end|>\n{{ end }}<|im_start|>assistant\n',
  // The harmony tags are what `shouldUseHarmony` looks for.
  gptoss:
    '<|start|>system<|message|>{{ .System }}<|end|>{{ range .Messages }}<|start|>{{ .Role }}<|message|>{{ .Content }}<|end|>{{ end }}' +
    '<|start|>assistant',
  gemma3:
    '{{- range .Messages }}<start_of_turn>{{ if eq .Role "assistant" }}model{{ else }}{{ .Role }}{{ end }}\n' +
    '{{ .Content }}<end_of_turn>\n{{ end }}<start_of_turn>model\n',
}

/** A plausible chat template for a family (Go template syntax, as `/api/show` returns it). */
export function templateFor(family: string): string {
  return (
    TEMPLATES[family] ??
    '{{ if .System }}{{ .System }}\n\n{{ end }}{{ range .Messages }}{{ .Role }}: {{ .Content }}\n{{ end }}assistant: '
  )
}
