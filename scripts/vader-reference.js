#!/usr/bin/env node
// Scores texts with the npm package vader-sentiment (the JavaScript port of VADER) and prints
// one line per text: KEY<TAB>compound<TAB>pos<TAB>neu<TAB>neg.
//
//   node scripts/vader-reference.js --tsv FILE            lines "id<TAB>anything<TAB>text" (VADER's
//                                                         tweets_GroundTruth format); KEY = id
//   node scripts/vader-reference.js --csv FILE [--text-column text] [--key-column COLUMN]
//                                                         a CSV with a header; KEY = that column, or
//                                                         the record's number (1 = first after the header)
//   node scripts/vader-reference.js --lines FILE          one text per line; KEY = line number
//
// The package is installed by scripts/vader-reference (into target/vader-reference), never into
// the Maven build; NODE_PATH points there.
'use strict';
const fs = require('fs');
const vader = require('vader-sentiment');

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

// RFC 4180: quoted fields with "" escapes and embedded newlines.
function parseCsv(content) {
  const records = [];
  let record = [], field = '', quoted = false, i = 0;
  if (content.charCodeAt(0) === 0xfeff) i = 1;
  for (; i < content.length; i++) {
    const c = content[i];
    if (quoted) {
      if (c === '"') {
        if (content[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && content[i + 1] === '\n') i++;
      record.push(field); records.push(record); record = []; field = '';
    } else field += c;
  }
  if (field.length > 0 || record.length > 0) { record.push(field); records.push(record); }
  return records;
}

function texts() {
  const tsv = option('--tsv'), csv = option('--csv'), lines = option('--lines');
  if (tsv) {
    return fs.readFileSync(tsv, 'utf8').split('\n').filter(l => l.length > 0).map(l => {
      const a = l.indexOf('\t'), b = l.indexOf('\t', a + 1);
      return [l.substring(0, a), l.substring(b + 1).replace(/\r$/, '')];
    });
  }
  if (lines) {
    return fs.readFileSync(lines, 'utf8').split('\n').map((l, i) => [String(i + 1), l.replace(/\r$/, '')])
      .filter(([, t]) => t.length > 0);
  }
  if (csv) {
    const records = parseCsv(fs.readFileSync(csv, 'utf8'));
    const header = records.shift().map(h => h.trim().toLowerCase());
    const text = header.indexOf(option('--text-column', 'text').toLowerCase());
    const keyName = option('--key-column');
    const key = keyName ? header.indexOf(keyName.toLowerCase()) : -1;
    if (text < 0) throw new Error('no text column in ' + header);
    return records.filter(r => r.length > text).map((r, i) => [key >= 0 ? r[key] : String(i + 1), r[text]]);
  }
  throw new Error('usage: vader-reference.js --tsv FILE | --csv FILE [--text-column C] [--key-column C] | --lines FILE');
}

const out = [];
for (const [key, text] of texts()) {
  const s = vader.SentimentIntensityAnalyzer.polarity_scores(text);
  out.push([key, s.compound, s.pos, s.neu, s.neg].join('\t'));
}
process.stdout.write(out.join('\n') + '\n');
