// When another file's text names a module where the name can load it (deadModules.ts's evidence).
import { describe, expect, it } from 'vitest';
import { mentionsModule } from './moduleMentions.js';

const FILE = '/r/services/hub/src/clients/Event.js';

describe('mentionsModule', () => {
  it.each([
    ['a template handler string', '/r/template.yml', 'Handler: services/hub/src/clients/Event.handler'],
    ['a CDK entry path', '/r/infra/stack.ts', "entry: 'services/hub/src/clients/Event.js'"],
    ['a quoted name', '/r/loader.js', "load('Event')"],
    ['its own relative require', '/r/services/hub/src/a.js', "require('./clients/Event')"],
    ['an import with its extension', '/r/services/hub/src/a.ts', "import e from './clients/Event.js';"],
    [
      'a require of another copy beside a path mention',
      '/r/x/a.js',
      "require('./clients/Event'); // see google/src/clients/Event.js",
    ],
    ['a Dockerfile command', '/r/Dockerfile', 'CMD node Event'],
    ['a Procfile command', '/r/Procfile', 'worker: node Event'],
    ['a runner word in a script', '/r/package.json', '"start": "nodemon Event --inspect"'],
  ])('counts %s', (_name, from, text) => {
    expect(mentionsModule(text, from, FILE, 'Event')).toBe(true);
  });

  it.each([
    ['prose in a template', '/r/resources/notices.yaml', 'description: Event sent when a sensor moves'],
    [
      'a class of another file',
      '/r/services/edge/src/clients/Event.js',
      'class Event {}\nmodule.exports = new Event()',
    ],
    [
      'a relative require of another copy',
      '/r/services/edge/src/getSensor.js',
      "const e = require('./clients/Event')",
    ],
    ['an import of another copy', '/r/services/edge/src/a.ts', "import e from '../src/clients/Event';"],
    ['a bare word outside a command file', '/r/notes.yml', 'worker: Event'],
  ])('sets aside %s', (_name, from, text) => {
    expect(mentionsModule(text, from, FILE, 'Event')).toBe(false);
  });
});
