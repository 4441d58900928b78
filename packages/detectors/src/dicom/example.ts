/**
 * Builds a tiny raw DICOM data set (explicit VR little endian, no preamble) as a string whose
 * UTF-8 bytes are the data set, so DICOM detectors can ship examples the registry test scans like
 * any other. Groups, elements and lengths must stay below 0x80 (one UTF-8 byte each).
 */
export function dicomExample(elements: readonly (readonly [group: number, element: number, vr: string, value: string])[]): string {
  const u16 = (n: number) => String.fromCharCode(n & 0xff, n >> 8);
  return elements
    .map(([group, element, vr, value]) => {
      const padded = value.length % 2 ? value + (vr === 'UI' ? '\0' : ' ') : value;
      return u16(group) + u16(element) + vr + u16(padded.length) + padded;
    })
    .join('');
}
