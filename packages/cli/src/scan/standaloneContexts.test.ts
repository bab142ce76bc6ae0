// Which modules Nest serves requests to, and which handlers boot only a standalone context.
import { describe, expect, it } from 'vitest';
import { servesRequests, standaloneOnly } from './standaloneContexts.js';

describe('servesRequests', () => {
  it.each([
    ["@Controller('guides')\nexport class GuidesController {}", true],
    ['@Resolver(() => User)\nexport class UsersResolver {}', true],
    ['@WebSocketGateway()\nexport class ChatGateway {}', true],
    ['@Injectable()\nexport class GuidesService {}', false],
    ['@Module({ controllers: [GuidesController] })\nexport class GuidesModule {}', false],
  ])('%s: %s', (text, served) => {
    // Act and assess
    expect(servesRequests(text)).toBe(served);
  });
});

describe('standaloneOnly', () => {
  it.each([
    ['a standalone context', 'const app = await NestFactory.createApplicationContext(AppModule);', true],
    [
      'a typed standalone context',
      'const app = await NestFactory.createApplicationContext<INestApplicationContext>(AppModule);',
      true,
    ],
    ['an HTTP app', 'const app = await NestFactory.create(AppModule); await app.init();', false],
    [
      'both (the module serves HTTP too)',
      'NestFactory.createApplicationContext(WorkerModule); NestFactory.create(AppModule);',
      false,
    ],
    ['a microservice', 'NestFactory.createMicroservice(AppModule, { transport });', false],
    ['no Nest at all', 'export const handler = async (event) => work(event);', false],
  ])('%s', (_, text, only) => {
    // Act and assess
    expect(standaloneOnly(text)).toBe(only);
  });
});
