import { describe, expect, it } from 'vitest'
import { encodeIcns, encodeIco, pngHead, pngSize, readIcns, readIco } from './icon-formats.mjs'

describe('.ico', () => {
  it('writes an icon directory whose entries point at PNGs of the stated size (256 written as 0)', () => {
    const ico = encodeIco([pngHead(16), pngHead(256)])
    expect(ico.readUInt16LE(2)).toBe(1)
    expect(ico.readUInt16LE(4)).toBe(2)
    expect(ico.readUInt8(6 + 16)).toBe(0)
    expect(readIco(ico)).toEqual([
      { size: 16, format: 'png', dataSize: { width: 16, height: 16 } },
      { size: 256, format: 'png', dataSize: { width: 256, height: 256 } },
    ])
  })

  it('refuses images it cannot hold and files that are not icons', () => {
    expect(() => encodeIco([pngHead(512)])).toThrow('at most 256')
    expect(() => encodeIco([pngHead(16, 32)])).toThrow('not a square PNG')
    expect(() => readIco(pngHead(16))).toThrow('not an .ico file')
    const cut = encodeIco([pngHead(16)]).subarray(0, 30)
    expect(() => readIco(cut)).toThrow('past the end')
  })
})

describe('.icns', () => {
  it('writes big-endian chunks under the icns magic and reads them back', () => {
    const icns = encodeIcns([
      { type: 'icp4', png: pngHead(16) },
      { type: 'ic10', png: pngHead(1024) },
    ])
    expect(icns.toString('latin1', 0, 4)).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(icns.length)
    expect(readIcns(icns)).toEqual([
      { type: 'icp4', pngSize: { width: 16, height: 16 } },
      { type: 'ic10', pngSize: { width: 1024, height: 1024 } },
    ])
  })

  it('refuses a PNG of the wrong size for its type code, unknown codes and damaged files', () => {
    expect(() => encodeIcns([{ type: 'ic09', png: pngHead(256) }])).toThrow('must be 512 pixels')
    expect(() => encodeIcns([{ type: 'ICN#', png: pngHead(32) }])).toThrow('not an ICNS type code')
    expect(() => readIcns(pngHead(16))).toThrow('no icns magic')
    const icns = encodeIcns([{ type: 'icp4', png: pngHead(16) }])
    icns.writeUInt32BE(9999, 12)
    expect(() => readIcns(icns)).toThrow('impossible length')
  })
})

it('pngSize reads the IHDR size and rejects other data', () => {
  expect(pngSize(pngHead(48))).toEqual({ width: 48, height: 48 })
  expect(pngSize(Buffer.from('<svg/>'))).toBeUndefined()
})
