// The opening lines of the licences the registry's manifests carry as license layers (`/api/show` `license`), cut
// short on purpose: enough for a details panel to show something real, without whole legal texts in the repository.

const AGREEMENT =
  '“Agreement” means the terms and conditions for use, reproduction, distribution and modification of the Llama ' +
  'Materials set forth herein.'

const LLAMA3 = `META LLAMA 3 COMMUNITY LICENSE AGREEMENT\nMeta Llama 3 Version Release Date: April 18, 2024\n\n${AGREEMENT}`
const LLAMA3_1 = `LLAMA 3.1 COMMUNITY LICENSE AGREEMENT\nLlama 3.1 Version Release Date: July 23, 2024\n\n${AGREEMENT}`
const LLAMA3_2 = `LLAMA 3.2 COMMUNITY LICENSE AGREEMENT\nLlama 3.2 Version Release Date: September 25, 2024\n\n${AGREEMENT}`

const APACHE_2 = [
  '                                 Apache License',
  '                           Version 2.0, January 2004',
  '                        http://www.apache.org/licenses/',
  '',
  '   TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION',
].join('\n')

const MIT_PERMISSION =
  'Permission is hereby granted, free of charge, to any person obtaining a copy\nof this software and associated ' +
  'documentation files (the "Software"), to deal\nin the Software without restriction, …'

const MIT_DEEPSEEK = `MIT License\n\nCopyright (c) 2023 DeepSeek\n\n${MIT_PERMISSION}`
const MIT = `MIT License\n\n${MIT_PERMISSION}`

const DEEPSEEK = 'DEEPSEEK LICENSE AGREEMENT\n\nVersion 1.0, 23 October 2023\n\nCopyright (c) 2023 DeepSeek'

const GEMMA =
  'Gemma Terms of Use\n\nBy using, reproducing, modifying, distributing, performing or displaying any portion or ' +
  'element of Gemma, Model Derivatives including via any Hosted Service, (each as defined below) (collectively, the ' +
  '"Gemma Services") or otherwise accepting the terms of this Agreement, you agree to be bound by this Agreement.'

/** Licence layers by catalog display name; cloud stubs have no layers at all. */
const LICENSES: Record<string, string[]> = {
  'llama3:latest': [LLAMA3],
  'llama3.1:8b': [LLAMA3_1],
  'llama3.2:3b': [LLAMA3_2],
  'llama3.2:1b': [LLAMA3_2],
  'qwen3:8b': [APACHE_2],
  'qwen3:4b': [APACHE_2],
  'deepseek-r1:8b': [MIT_DEEPSEEK],
  'gemma3:4b': [GEMMA],
  'mistral:7b': [APACHE_2],
  'gpt-oss:20b': [APACHE_2],
  'deepseek-v2:16b': [DEEPSEEK],
  'all-minilm:latest': [APACHE_2],
  'nomic-embed-text:latest': [APACHE_2],
  'bge-m3:latest': [MIT],
}

/** The licence layers of a catalog model (by lower-case display name); none for anything else. */
export function licenseFor(displayNameKey: string): string[] {
  return [...(LICENSES[displayNameKey] ?? [])]
}
