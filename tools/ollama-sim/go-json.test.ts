import { describe, expect, it } from 'vitest'
import { decodeBody } from './go-json'
import { chatRequest, createRequest } from './schemas'

describe('decodeBody (gin ShouldBindJSON)', () => {
  it('answers an empty or blank body with missing request body', () => {
    expect(decodeBody(createRequest, '')).toEqual({ error: 'missing request body' })
    expect(decodeBody(createRequest, '  \n')).toEqual({ error: 'missing request body' })
  })

  it('names the struct field and Go type of a mismatch', () => {
    expect(decodeBody(createRequest, '{"model":"x","stream":"yes"}')).toEqual({
      error: 'json: cannot unmarshal string into Go struct field CreateRequest.stream of type bool',
    })
    expect(decodeBody(createRequest, '{"parameters":[1]}')).toEqual({
      error:
        'json: cannot unmarshal array into Go struct field CreateRequest.parameters of type map[string]interface {}',
    })
    expect(decodeBody(chatRequest, '{"messages":[{"role":"user","content":5}]}')).toEqual({
      error: 'json: cannot unmarshal number into Go struct field Message.messages.content of type string',
    })
    expect(decodeBody(chatRequest, '{"messages":"hi"}')).toEqual({
      error: 'json: cannot unmarshal string into Go struct field ChatRequest.messages of type []api.Message',
    })
    expect(decodeBody(chatRequest, '{"top_logprobs":1.5}')).toEqual({
      error: 'json: cannot unmarshal number 1.5 into Go struct field ChatRequest.top_logprobs of type int',
    })
  })

  it('rejects a non-object body with the Go value type', () => {
    expect(decodeBody(createRequest, '[1,2]')).toEqual({
      error: 'json: cannot unmarshal array into Go value of type api.CreateRequest',
    })
  })

  it('reports syntax errors', () => {
    expect(decodeBody(createRequest, 'not json')).toEqual({
      error: "invalid character 'o' in literal null (expecting 'u')",
    })
    expect(decodeBody(createRequest, 'hello')).toEqual({
      error: "invalid character 'h' looking for beginning of value",
    })
    expect(decodeBody(createRequest, '{"model":')).toEqual({ error: 'unexpected EOF' })
  })

  it('matches keys case-insensitively, drops unknown keys and treats null as absent', () => {
    expect(decodeBody(createRequest, '{"Model":"x","FROM":"y","modelfile":"FROM y","stream":null}')).toEqual({
      value: { model: 'x', from: 'y' },
    })
  })

  it('passes custom decoders through (keep_alive, think)', () => {
    expect(decodeBody(chatRequest, '{"keep_alive":"-1"}')).toEqual({ error: 'time: missing unit in duration "-1"' })
    expect(decodeBody(chatRequest, '{"think":"extreme"}')).toMatchObject({
      error: expect.stringContaining('invalid think value') as unknown,
    })
    expect(decodeBody(chatRequest, '{"think":"high","keep_alive":"5m"}')).toEqual({
      value: { think: 'high', keep_alive: '5m' },
    })
  })
})
