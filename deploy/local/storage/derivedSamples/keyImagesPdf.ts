import { concat } from '../bytes';
import type { SourceImage } from './SourceImage';
import { largestSample } from './thresholdMask';

/** Tiles per row of the contact sheet. */
const TILES_PER_ROW = 5;
/** Points (1/72 inch) per image pixel on the page, and the height of the title band. */
const POINTS_PER_PIXEL = 0.5;
const TITLE_BAND_POINTS = 40;

/**
 * A PDF contact sheet of a series: every slice as an 8-bit grey tile (samples scaled from 0..the series' largest
 * sample to 0..255), five to a row, under a one-line title, in one uncompressed image. Uncompressed on purpose: a
 * real document of a predictable size (over 1 MB for 20 slices of 256 × 256), the same bytes on every run (no
 * dates, no compressor), readable by any PDF reader. The length is made even, as a DICOM value must be.
 */
export function keyImagesPdf(images: SourceImage[], title: string): Uint8Array {
  const [first] = images;
  if (!first) throw new RangeError('a contact sheet needs at least one image');
  if (!/^[\x20-\x7e]*$/.test(title)) throw new RangeError('the contact sheet title must be printable ASCII');
  const { rows, columns } = first;
  const width = TILES_PER_ROW * columns;
  const height = Math.ceil(images.length / TILES_PER_ROW) * rows;
  const scale = 255 / Math.max(1, largestSample(images));
  const raster = new Uint8Array(width * height);
  images.forEach((image, index) => {
    if (image.rows !== rows || image.columns !== columns)
      throw new RangeError('every slice of a contact sheet must have the same size');
    const left = (index % TILES_PER_ROW) * columns;
    const top = Math.floor(index / TILES_PER_ROW) * rows;
    image.pixels.forEach((sample, pixel) => {
      const y = top + Math.floor(pixel / columns);
      raster[y * width + left + (pixel % columns)] = Math.min(255, Math.max(0, Math.round(sample * scale)));
    });
  });
  const pageWidth = width * POINTS_PER_PIXEL;
  const pageHeight = height * POINTS_PER_PIXEL + TITLE_BAND_POINTS;
  const escapedTitle = title.replace(/[\\()]/g, match => `\\${match}`);
  const content = ascii(
    `BT /F1 14 Tf 10 ${pageHeight - 26} Td (${escapedTitle}) Tj ET\n` +
      `q ${pageWidth} 0 0 ${height * POINTS_PER_PIXEL} 0 0 cm /Im1 Do Q\n`,
  );
  return writePdf([
    ascii('<< /Type /Catalog /Pages 2 0 R >>'),
    ascii('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    ascii(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pageWidth} ${pageHeight}] ` +
        '/Resources << /XObject << /Im1 4 0 R >> /Font << /F1 5 0 R >> >> /Contents 6 0 R >>',
    ),
    stream(
      `/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8`,
      raster,
    ),
    ascii('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'),
    stream('', content),
  ]);
}

/** A PDF file of these objects (numbered from 1, object 1 the catalog) with its cross-reference table. */
function writePdf(objects: Uint8Array[]): Uint8Array {
  const parts: Uint8Array[] = [ascii('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', true)];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(length);
    for (const part of [ascii(`${index + 1} 0 obj\n`), body, ascii('\nendobj\n')]) {
      parts.push(part);
      length += part.length;
    }
  });
  // Each cross-reference entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, space, newline.
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map(offset => `${String(offset).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(ascii((length + xref.length) % 2 === 0 ? xref : `${xref}\n`));
  return concat(parts);
}

function stream(dictionary: string, data: Uint8Array): Uint8Array {
  return concat([
    ascii(`<< ${dictionary}${dictionary ? ' ' : ''}/Length ${data.length} >>\nstream\n`),
    data,
    ascii('\nendstream'),
  ]);
}

/** Text as bytes; `binary` keeps characters 0x80–0xFF as single bytes (the PDF header's binary marker). */
function ascii(text: string, binary = false): Uint8Array {
  return binary ? Uint8Array.from(text, character => character.charCodeAt(0)) : new TextEncoder().encode(text);
}
