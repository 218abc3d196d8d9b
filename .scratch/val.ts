import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
const ajv = new Ajv2020({ allErrors: true, strict: false }); addFormats(ajv);
ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-07.json'));
const v = ajv.compile(JSON.parse(readFileSync('/work/wt-ps/test/fixtures/vendor-schemas/dsc-v3.1.0/resource_manifest.json','utf8')));
const m = JSON.parse(readFileSync(process.argv[2]!,'utf8'));
console.log(v(m), JSON.stringify(v.errors?.slice(0,3)));
