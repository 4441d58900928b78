import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../test/scan-text.js';

describe('email', () => {
  it.each([
    ['Email: budi.santoso@gmail.com', 'budi.santoso@gmail.com', 'b***********@gmail.com', 'high', ['e-mail']],
    ['kontak siti_aminah88@yahoo.co.id', 'siti_aminah88@yahoo.co.id', 's************@yahoo.co.id', 'medium', []],
    ['"email": "Dewi.Lestari@Mail.Example.ID"', 'dewi.lestari@mail.example.id', 'd***********@mail.example.id', 'high', ['e-mail']],
  ])('finds %j', async (text, value, masked, confidence, context) => {
    const found = await findingsOf('email', text);
    expect(found.map((f) => [f.value, f.masked, f.pattern, f.confidence, f.context])).toEqual([[value, masked, 'email-address', confidence, context]]);
  });

  it.each([['info@rsud-contoh.go.id'], ['Email: humas@rs-contoh.go.id'], ['user@localhost'], ['a@b.c'], ['@gmail.com'], ['budi.@gmail.com']])('ignores %j', async (text) => {
    expect(await findingsOf('email', text)).toEqual([]);
  });
});
