// When another file's text names a module where the name can load it (deadModules.ts's evidence).
import { describe, expect, it } from 'vitest';
import { mentionsModule } from './moduleMentions.js';

const FILE = '/r/services/google/src/clients/Event.js';

describe('mentionsModule', () => {
  it.each([
    ['a template handler string', '/r/template.yml', 'Handler: services/google/src/clients/Event.handler'],
    ['a CDK entry path', '/r/infra/stack.ts', "entry: 'services/google/src/clients/Event.js'"],
    ['a quoted name', '/r/loader.js', "load('Event')"],
    ['its own relative require', '/r/services/google/src/a.js', "require('./clients/Event')"],
    ['an import with its extension', '/r/services/google/src/a.ts', "import e from './clients/Event.js';"],
    [
      'a require of another copy beside a path mention',
      '/r/x/a.js',
      "require('./clients/Event'); // see google/src/clients/Event.js",
    ],
  ])('counts %s', (_name, from, text) => {
    expect(mentionsModule(text, from, FILE, 'Event')).toBe(true);
  });

  it.each([
    ['prose in a template', '/r/resources/events.yaml', 'description: Event emitted when a device changes'],
    [
      'a class of another file',
      '/r/services/iot/src/clients/Event.js',
      'class Event {}\nmodule.exports = new Event()',
    ],
    [
      'a relative require of another copy',
      '/r/services/iot/src/getDevice.js',
      "const e = require('./clients/Event')",
    ],
    ['an import of another copy', '/r/services/iot/src/a.ts', "import e from '../src/clients/Event';"],
  ])('sets aside %s', (_name, from, text) => {
    expect(mentionsModule(text, from, FILE, 'Event')).toBe(false);
  });
});
