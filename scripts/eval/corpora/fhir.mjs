import { IDENTIFIER_DETECTORS, collector } from '../collector.mjs';
import * as v from '../values.mjs';

/**
 * SATUSEHAT FHIR snippets (domain.md §3): Patient resources with the NIK, IHS, KK and passport
 * identifier systems, Encounters referring to `Patient/P…`, search URLs with `nik|<NIK>` and
 * its URL-encoded form in access logs, and practitioner / organisation ids that look numeric.
 */
export const name = 'fhir';

export function generate(dir, random) {
  const c = collector(dir, IDENTIFIER_DETECTORS);
  for (let i = 0; i < 50; i++) {
    const found = [];
    const nik = v.nik(random);
    const ihs = v.ihs(random);
    const born = v.date(random, 1935, 2023);
    const phone = v.mobile(random);
    const identifiers = [
      { use: 'official', system: 'https://fhir.kemkes.go.id/id/nik', value: nik.value },
      { use: 'official', system: 'https://fhir.kemkes.go.id/id/ihs-number', value: ihs.value },
    ];
    found.push(['nik', nik.value], ['ihs-number', ihs.value], ['birth-date', born.iso], ['phone-id', phone.value]);
    if (random() < 0.4) {
      const kk = v.kk(random);
      identifiers.push({ use: 'official', system: 'https://fhir.kemkes.go.id/id/kk', value: kk.value });
      found.push(['kk', kk.value]);
    }
    if (random() < 0.3) {
      const passport = v.passport(random);
      identifiers.push({ use: 'official', system: 'https://fhir.kemkes.go.id/id/paspor', value: passport.value });
      found.push(['passport-id', passport.value]);
    }
    const patient = {
      resourceType: 'Patient',
      meta: { profile: ['https://fhir.kemkes.go.id/r4/StructureDefinition/Patient'] },
      identifier: identifiers,
      active: true,
      name: [{ use: 'official', text: v.name(random) }],
      telecom: [{ system: 'phone', value: phone.value.replace('+62', '0'), use: 'mobile' }],
      gender: pick(random, ['male', 'female']),
      birthDate: born.iso,
      address: [{ use: 'home', line: ['Jl. Mawar No. 1'], city: v.city(random), postalCode: String(v.int(random, 10110, 99999)), country: 'ID' }],
    };
    const practitioner = v.digits(random, 11).replace(/^0/, '1');
    const encounter = {
      resourceType: 'Encounter',
      status: 'arrived',
      subject: { reference: `Patient/${ihs.value}`, display: patient.name[0].text },
      participant: [{ individual: { reference: `Practitioner/${practitioner}`, display: `dr. ${v.name(random)}` } }],
      serviceProvider: { reference: `Organization/${v.digits(random, 8).replace(/^0/, '1')}` },
    };
    found.push(['ihs-number', ihs.value]);
    c.write(`bundle-${String(i).padStart(3, '0')}.json`, `${JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: patient }, { resource: encounter }] }, null, 2)}\n`, found, { format: 'json', layout: 'fhir-bundle' });
  }

  for (let i = 0; i < 30; i++) {
    const found = [];
    const lines = [];
    const count = v.int(random, 3, 10);
    for (let r = 0; r < count; r++) {
      const nik = v.nik(random, random() < 0.3 ? { female: true } : undefined);
      const encoded = random() < 0.4;
      const system = random() < 0.8 ? 'nik' : 'nik-ibu';
      const query = encoded ? `identifier=https%3A%2F%2Ffhir.kemkes.go.id%2Fid%2F${system}%7C${nik.value}` : `identifier=https://fhir.kemkes.go.id/id/${system}|${nik.value}`;
      lines.push(`10.${v.int(random, 0, 255)}.${v.int(random, 0, 255)}.${v.int(random, 1, 254)} - - [${v.pad(v.int(random, 1, 28))}/Mar/2025:${v.pad(v.int(random, 0, 23))}:${v.pad(v.int(random, 0, 59))}:${v.pad(v.int(random, 0, 59))} +0700] "GET /fhir-r4/v1/Patient?${query} HTTP/1.1" 200 ${v.int(random, 300, 4000)} trace=${v.timestampId(random)}`);
      found.push(['nik', nik.value]);
    }
    c.write(`access-${String(i).padStart(3, '0')}.log`, `${lines.join('\n')}\n`, found, { format: 'log', layout: 'satusehat-search-log' });
  }
  return c.result;
}

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}
