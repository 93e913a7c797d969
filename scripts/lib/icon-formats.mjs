// Writes and reads the icon containers the platforms need, with PNG images inside: Windows' .ico (an ICONDIR
// and one 16-byte entry per image; PNG entries are valid since Windows Vista) and macOS' .icns (big-endian
// chunks, each a 4-byte type code naming the image's pixel size). Readers parse only the headers, which is what
// the icon checks need to know: which sizes are there, in which format.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/**
 * Width and height of a PNG image (its IHDR chunk), or undefined when `buffer` is not a PNG.
 * @param {Buffer} buffer
 * @returns {{ width: number, height: number } | undefined}
 */
export function pngSize(buffer) {
  if (buffer.length < 24 || !buffer.subarray(0, 8).equals(PNG_SIGNATURE)) return undefined
  if (buffer.toString('latin1', 12, 16) !== 'IHDR') return undefined
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) }
}

/**
 * The head of a PNG claiming `width`×`height`: the signature and an IHDR chunk whose other fields and checksum are
 * zero. Not a displayable image, but all that the containers above and the icon checks read; tests build their
 * stand-in icons with it.
 * @param {number} width
 * @param {number} [height]
 * @returns {Buffer}
 */
export function pngHead(width, height = width) {
  const head = Buffer.alloc(PNG_SIGNATURE.length + 8 + 13 + 4)
  PNG_SIGNATURE.copy(head, 0)
  head.writeUInt32BE(13, 8) // IHDR's data length
  head.write('IHDR', 12, 'latin1')
  head.writeUInt32BE(width, 16)
  head.writeUInt32BE(height, 20)
  return head
}

/**
 * The ICNS type codes that hold PNG data, with the pixel size of their image (Apple's Icon Services list; the
 * `@2x` codes carry twice the points they stand for).
 * @type {Readonly<Record<string, number>>}
 */
export const ICNS_PNG_TYPES = Object.freeze({
  icp4: 16,
  icp5: 32,
  icp6: 64,
  ic07: 128,
  ic08: 256,
  ic09: 512,
  ic10: 1024,
  ic11: 32,
  ic12: 64,
  ic13: 256,
  ic14: 512,
})

/**
 * The pixel size of the PNG an ICNS type code holds; throws for a code that holds no PNG.
 * @param {string} type
 * @returns {number}
 */
export function icnsPngSize(type) {
  const size = ICNS_PNG_TYPES[type]
  if (size === undefined) throw new Error(`${type} is not an ICNS type code that holds a PNG.`)
  return size
}

/** @typedef {{ type: string, png: Buffer }} IcnsEntry */

/** @param {Buffer} png @param {string} what @returns {number} */
function squareSize(png, what) {
  const size = pngSize(png)
  if (!size || size.width !== size.height) throw new Error(`The ${what} image is not a square PNG.`)
  return size.width
}

/**
 * An .ico file holding `pngs` (each square, at most 256 pixels; 256 is written as 0, as the format requires).
 * @param {readonly Buffer[]} pngs
 * @returns {Buffer}
 */
export function encodeIco(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2) // 1 = icon (2 would be a cursor)
  header.writeUInt16LE(pngs.length, 4)
  let offset = header.length
  pngs.forEach((png, index) => {
    const size = squareSize(png, `.ico entry ${index + 1}`)
    if (size > 256) throw new Error(`An .ico entry can be at most 256 pixels wide; this one is ${size}.`)
    const at = 6 + 16 * index
    header.writeUInt8(size === 256 ? 0 : size, at)
    header.writeUInt8(size === 256 ? 0 : size, at + 1)
    header.writeUInt8(0, at + 2) // no palette
    header.writeUInt8(0, at + 3)
    header.writeUInt16LE(1, at + 4) // colour planes
    header.writeUInt16LE(32, at + 6) // bits per pixel
    header.writeUInt32LE(png.length, at + 8)
    header.writeUInt32LE(offset, at + 12)
    offset += png.length
  })
  return Buffer.concat([header, ...pngs])
}

/**
 * The images an .ico file lists: the size its directory states, and the format and size of the data it points to.
 * Throws when `buffer` is not an icon file or an entry points outside it.
 * @param {Buffer} buffer
 * @returns {{ size: number, format: 'png' | 'bmp', dataSize?: { width: number, height: number } }[]}
 */
export function readIco(buffer) {
  if (buffer.length < 6 || buffer.readUInt16LE(0) !== 0 || buffer.readUInt16LE(2) !== 1) {
    throw new Error('This is not an .ico file (its header is not an icon directory).')
  }
  const count = buffer.readUInt16LE(4)
  if (buffer.length < 6 + 16 * count) throw new Error('The .ico directory is cut short.')
  return Array.from({ length: count }, (_, index) => {
    const at = 6 + 16 * index
    const length = buffer.readUInt32LE(at + 8)
    const offset = buffer.readUInt32LE(at + 12)
    if (offset + length > buffer.length) throw new Error(`The .ico entry ${index + 1} points past the end of the file.`)
    const data = buffer.subarray(offset, offset + length)
    const dataSize = pngSize(data)
    return { size: buffer.readUInt8(at) || 256, format: dataSize ? 'png' : 'bmp', ...(dataSize ? { dataSize } : {}) }
  })
}

/**
 * An .icns file holding `entries`; each PNG must have the size its type code stands for.
 * @param {readonly IcnsEntry[]} entries
 * @returns {Buffer}
 */
export function encodeIcns(entries) {
  const chunks = entries.map(({ type, png }) => {
    const expected = icnsPngSize(type)
    const size = squareSize(png, type)
    if (size !== expected) throw new Error(`The ${type} image must be ${expected} pixels; it is ${size}.`)
    const head = Buffer.alloc(8)
    head.write(type, 0, 'latin1')
    head.writeUInt32BE(8 + png.length, 4)
    return Buffer.concat([head, png])
  })
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'latin1')
  head.writeUInt32BE(8 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), 4)
  return Buffer.concat([head, ...chunks])
}

/**
 * The chunks of an .icns file: type code, and the PNG size of its data when it holds a PNG. Throws when
 * `buffer` is not an .icns file or its lengths do not add up.
 * @param {Buffer} buffer
 * @returns {{ type: string, pngSize?: { width: number, height: number } }[]}
 */
export function readIcns(buffer) {
  if (buffer.length < 8 || buffer.toString('latin1', 0, 4) !== 'icns')
    throw new Error('This is not an .icns file (no icns magic).')
  if (buffer.readUInt32BE(4) !== buffer.length) throw new Error('The .icns length field does not match the file size.')
  /** @type {{ type: string, pngSize?: { width: number, height: number } }[]} */
  const chunks = []
  for (let at = 8; at < buffer.length;) {
    if (at + 8 > buffer.length) throw new Error('The .icns file ends inside a chunk header.')
    const length = buffer.readUInt32BE(at + 4)
    if (length < 8 || at + length > buffer.length)
      throw new Error(`The .icns chunk at byte ${at} has an impossible length.`)
    const size = pngSize(buffer.subarray(at + 8, at + length))
    chunks.push({ type: buffer.toString('latin1', at, at + 4), ...(size ? { pngSize: size } : {}) })
    at += length
  }
  return chunks
}
