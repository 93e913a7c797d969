import { describe, expect, it } from 'vitest'
import { externalUrl, isAppUrl } from './app-url'

const APP = 'app://ollmchat/index.html'

describe('isAppUrl', () => {
  it('accepts any page of the app: scheme’s host, with any hash or query', () => {
    expect(isAppUrl(APP, APP)).toBe(true)
    expect(isAppUrl(`${APP}#/models`, APP)).toBe(true)
    expect(isAppUrl(`${APP}?x=1`, APP)).toBe(true)
    expect(isAppUrl('app://ollmchat/assets/index.js', APP)).toBe(true)
  })

  it.each([
    'file:///opt/ollmchat/resources/app.asar/out/renderer/index.html',
    'app://ollmchat.evil/index.html',
    'app://evil/index.html',
    'app://ollmchat@evil/index.html',
    'app:///index.html',
    'https://ollmchat/index.html',
    'about:blank',
    '',
    'not a url',
    null,
    undefined,
  ])('rejects %j for the app: page', (url) => {
    expect(isAppUrl(url, APP)).toBe(false)
  })

  it('compares origins for the dev server', () => {
    expect(isAppUrl('http://localhost:5173/src/index.html', 'http://localhost:5173/')).toBe(true)
    expect(isAppUrl('http://localhost:5173@evil.example/', 'http://localhost:5173/')).toBe(false)
    expect(isAppUrl('https://localhost:5173/', 'http://localhost:5173/')).toBe(false)
  })

  it('trusts nothing when the app URL itself is unusable, and never a file: page', () => {
    expect(isAppUrl('about:blank', 'about:blank')).toBe(false)
    expect(isAppUrl('file:///app/index.html', 'file:///app/index.html')).toBe(false)
    expect(isAppUrl('x', 'not a url')).toBe(false)
  })
})

describe('externalUrl', () => {
  it('normalises and allows http, https and mailto', () => {
    expect(externalUrl('HTTPS://Example.org/a b')).toBe('https://example.org/a%20b')
    expect(externalUrl('http://127.0.0.1:11434')).toBe('http://127.0.0.1:11434/')
    expect(externalUrl('mailto:a@example.org')).toBe('mailto:a@example.org')
  })

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'smb://host/share',
    'vbscript:x',
    'data:text/html,hi',
    'http://',
    '',
    'foo',
  ])('refuses %j', (url) => {
    expect(externalUrl(url)).toBeUndefined()
  })
})
