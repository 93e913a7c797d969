import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startOllamaSim } from './index'
import type { OllamaSim } from './index'
import { modelfileQuote } from './modelfile'
import { post } from './test-helpers'

let sim: OllamaSim

beforeEach(async () => {
  sim = await startOllamaSim({ models: ['llama3', 'gemma3:4b', { name: 'plain', parameters: { stop: ['User: '] } }] })
})
afterEach(async () => {
  await sim.close()
})

const show = async (model: string) => (await post(sim, '/api/show', { model })).json as Record<string, unknown>

describe('/api/show fields of a details panel', () => {
  it('gives a catalog model its licence first, with template, parameters and details', async () => {
    const body = await show('llama3')
    expect(Object.keys(body).slice(0, 4)).toEqual(['license', 'modelfile', 'parameters', 'template'])
    expect(String(body.license).split('\n').slice(0, 2)).toEqual([
      'META LLAMA 3 COMMUNITY LICENSE AGREEMENT',
      'Meta Llama 3 Version Release Date: April 18, 2024',
    ])
    expect(body.parameters).toContain('num_keep                       24')
    expect(body.template).toContain('<|start_header_id|>')
    expect(body.system).toBeUndefined()
    expect(body.details).toMatchObject({
      parent_model: '',
      family: 'llama',
      parameter_size: '8.0B',
      quantization_level: 'Q4_0',
    })
  })

  it('writes the Modelfile as Model.String does: LICENSE after PARAMETER, values quoted by parser.quote', async () => {
    const modelfile = String((await show('llama3')).modelfile)
    expect(modelfile).toContain('\nTEMPLATE "{{ if .System }}<|start_header_id|>system<|end_header_id|>\n')
    expect(modelfile).toContain(
      '\nLICENSE "META LLAMA 3 COMMUNITY LICENSE AGREEMENT\nMeta Llama 3 Version Release Date: April 18, 2024\n',
    )
    expect(modelfile.indexOf('\nLICENSE ')).toBeGreaterThan(modelfile.lastIndexOf('\nPARAMETER '))
    // gemma3's template has `"assistant"` in it: triple quotes.
    expect(String((await show('gemma3:4b')).modelfile)).toMatch(/\nTEMPLATE """\{\{- range \.Messages \}\}/)
    expect(String((await show('plain')).modelfile)).toContain('\nPARAMETER stop "User: "\n')
  })

  it('has no license key for a model without license layers', async () => {
    expect(await show('plain')).not.toHaveProperty('license')
  })

  it('gives a derived model its parent, system and the inherited licence plus the ones the request adds', async () => {
    await post(sim, '/api/create', {
      model: 'tutor',
      from: 'llama3',
      system: 'Be brief.',
      license: ['Extra terms'],
      stream: false,
    })
    const body = await show('tutor')
    expect(body.details).toMatchObject({ parent_model: 'llama3:latest' })
    expect(body.system).toBe('Be brief.')
    expect(String(body.license).endsWith('\nExtra terms')).toBe(true)
    expect(String(body.license).startsWith('META LLAMA 3')).toBe(true)
    expect(sim.getModel('tutor')?.license).toHaveLength(2)
    expect(String(body.modelfile)).toContain('\nSYSTEM Be brief.\n')
  })

  it('refuses a license that is neither a string nor strings, as createModel unmarshals it', async () => {
    expect(await post(sim, '/api/create', { model: 't', from: 'llama3', license: 5, stream: false })).toMatchObject({
      status: 500,
      json: { error: 'json: cannot unmarshal number into Go value of type []string' },
    })
    expect(await post(sim, '/api/create', { model: 't', from: 'llama3', license: ['a', true] })).toMatchObject({
      status: 500,
      json: { error: 'json: cannot unmarshal bool into Go value of type string' },
    })
    expect(sim.hasModel('t')).toBe(false)
  })
})

describe('modelfileQuote (parser/parser.go quote)', () => {
  it('quotes only values with a newline or outer spaces, with triple quotes when they hold a quote', () => {
    expect(modelfileQuote('<|eot_id|>')).toBe('<|eot_id|>')
    expect(modelfileQuote('a\nb')).toBe('"a\nb"')
    expect(modelfileQuote(' lead')).toBe('" lead"')
    expect(modelfileQuote('say "hi"\n')).toBe('"""say "hi"\n"""')
    expect(modelfileQuote('say "hi"')).toBe('say "hi"')
  })
})
