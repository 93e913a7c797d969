import type { SimModelSpec } from './types'

const LLAMA3_STOP = ['<|start_header_id|>', '<|end_header_id|>', '<|eot_id|>']
const QWEN_STOP = ['<|im_start|>', '<|im_end|>']

/** Realistic specs for names tests and the CLI use without spelling every field. Keys are display names. */
export const CATALOG: Record<string, Omit<SimModelSpec, 'name'>> = {
  'llama3:latest': {
    family: 'llama', parameterSize: '8.0B', quantization: 'Q4_0', contextLength: 8192, sizeBytes: 4_661_211_808,
    parameters: { num_keep: 24, stop: LLAMA3_STOP },
  },
  'llama3.1:8b': {
    family: 'llama', parameterSize: '8.0B', quantization: 'Q4_K_M', contextLength: 131072, sizeBytes: 4_920_738_944,
    parameters: { stop: LLAMA3_STOP }, capabilities: ['completion', 'tools'],
  },
  'llama3.2:3b': {
    family: 'llama', parameterSize: '3.2B', quantization: 'Q4_K_M', contextLength: 131072, sizeBytes: 2_019_377_376,
    parameters: { stop: LLAMA3_STOP }, capabilities: ['completion', 'tools'],
  },
  'llama3.2:1b': {
    family: 'llama', parameterSize: '1.2B', quantization: 'Q8_0', contextLength: 131072, sizeBytes: 1_321_082_688,
    parameters: { stop: LLAMA3_STOP }, capabilities: ['completion', 'tools'],
  },
  'qwen3:8b': {
    family: 'qwen3', parameterSize: '8.2B', quantization: 'Q4_K_M', contextLength: 40960, sizeBytes: 5_225_373_760,
    parameters: { repeat_penalty: 1, stop: QWEN_STOP, temperature: 0.6, top_k: 20, top_p: 0.95 },
    capabilities: ['completion', 'tools', 'thinking'],
  },
  'qwen3:4b': {
    family: 'qwen3', parameterSize: '4.0B', quantization: 'Q4_K_M', contextLength: 262144, sizeBytes: 2_497_281_536,
    parameters: { repeat_penalty: 1, stop: QWEN_STOP, temperature: 0.6, top_k: 20, top_p: 0.95 },
    capabilities: ['completion', 'tools', 'thinking'],
  },
  'deepseek-r1:8b': {
    family: 'qwen3', parameterSize: '8.2B', quantization: 'Q4_K_M', contextLength: 131072, sizeBytes: 5_225_360_064,
    parameters: { stop: ['<｜begin▁of▁sentence｜>', '<｜end▁of▁sentence｜>'], temperature: 0.6, top_p: 0.95 },
    capabilities: ['completion', 'thinking'],
  },
  'gemma3:4b': {
    family: 'gemma3', parameterSize: '4.3B', quantization: 'Q4_K_M', contextLength: 131072, sizeBytes: 3_338_787_520,
    parameters: { stop: ['<end_of_turn>'], temperature: 1, top_k: 64, top_p: 0.95 },
    capabilities: ['completion', 'vision'],
  },
  'mistral:7b': {
    family: 'llama', parameterSize: '7.2B', quantization: 'Q4_K_M', contextLength: 32768, sizeBytes: 4_372_809_600,
    parameters: { stop: ['[INST]', '[/INST]'] }, capabilities: ['completion', 'tools'],
  },
  'gpt-oss:20b': {
    family: 'gptoss', parameterSize: '20.9B', quantization: 'MXFP4', contextLength: 131072, sizeBytes: 13_780_160_256,
    parameters: { temperature: 1 }, capabilities: ['completion', 'tools', 'thinking'],
  },
  'gpt-oss:120b-cloud': {
    family: 'gptoss', parameterSize: '116.8B', quantization: 'MXFP4', contextLength: 131072, sizeBytes: 384,
    capabilities: ['completion', 'tools', 'thinking'],
  },
}

/** What `/api/pull` and an implicit pull in `/api/create` can fetch when `SimOptions.registry` is not given. */
export const DEFAULT_REGISTRY = [
  'llama3:latest', 'llama3.1:8b', 'llama3.2:3b', 'llama3.2:1b', 'qwen3:8b', 'qwen3:4b', 'deepseek-r1:8b',
  'gemma3:4b', 'mistral:7b', 'gpt-oss:20b', 'gpt-oss:120b-cloud',
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
  gemma3:
    '{{- range .Messages }}<start_of_turn>{{ if eq .Role "assistant" }}model{{ else }}{{ .Role }}{{ end }}\n' +
    '{{ .Content }}<end_of_turn>\n{{ end }}<start_of_turn>model\n',
}

/** A plausible chat template for a family (Go template syntax, as `/api/show` returns it). */
export function templateFor(family: string): string {
  return TEMPLATES[family] ?? '{{ if .System }}{{ .System }}\n\n{{ end }}{{ range .Messages }}{{ .Role }}: {{ .Content }}\n{{ end }}assistant: '
}
