import { describe, expect, it } from 'vitest'
import { checkHostSetting } from './host-setting'

describe('checkHostSetting', () => {
  it.each([
    ['localhost', 'http://localhost:11434'],
    ['  127.0.0.1  ', 'http://127.0.0.1:11434'],
    ['192.168.1.20:8080', 'http://192.168.1.20:8080'],
    [':5000', 'http://127.0.0.1:5000'],
    ['localhost:80', 'http://localhost:80'],
    ['http://localhost:11434', 'http://localhost:11434'],
    ['HTTP://Example.COM:11434/', 'http://example.com:11434'],
    ['http://localhost', 'http://localhost:80'],
    ['https://ollama.example.com', 'https://ollama.example.com:443'],
    ['https://ollama.example.com:8443/proxy/ollama/', 'https://ollama.example.com:8443/proxy/ollama'],
    ['[::1]:11434', 'http://[::1]:11434'],
    ['[::1]', 'http://[::1]:11434'],
    ['http://[::1]', 'http://[::1]:80'],
    ['localhost:011434', 'http://localhost:11434'],
    // Ollama's own rules, shared with OLLAMA_HOST: a server's "all interfaces" is reached on loopback.
    ['0.0.0.0:11434', 'http://127.0.0.1:11434'],
    // Bare IPv6 addresses get the default port, as OLLAMA_HOST does; their colons are not a port.
    ['::1', 'http://[::1]:11434'],
    ['fe80::1', 'http://[fe80::1]:11434'],
    ['http://[FE80::1]:8080', 'http://[fe80::1]:8080'],
  ])('reads %j as %s', (input, expected) => {
    expect(checkHostSetting(input)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['ftp://localhost:21', /http:\/\/ or https:\/\//],
    ['file:///etc/passwd', /http:\/\/ or https:\/\//],
    ['http://user:secret@localhost:11434', /user name or password/],
    ['localhost:11434?x=1', /"\?" or "#"/],
    ['localhost:11434#top', /"\?" or "#"/],
    ['local host', /not a usable Ollama address/],
    ['localhost:99999', /port from 1 to 65535/],
    ['localhost:0', /port from 1 to 65535/],
    ['localhost:', /port from 1 to 65535/],
    ['[::1]:abc', /port from 1 to 65535/],
    ['http://', /not a usable Ollama address/],
  ])('refuses %j', (input, message) => {
    const result = checkHostSetting(input)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toMatch(message)
  })
})
