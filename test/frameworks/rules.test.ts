/**
 * DI containers in the three rules (docs/frameworks): tsyringe, InversifyJS, NestJS and Angular,
 * written with experimentalDecorators-style parameter decorators and with standard decorators.
 * Situation 1: the registry names a factory function and a container is used anyway. Situation 2:
 * `factory: { container }` — the container is the factory.
 */
import directRule, { type MessageIds as DirectIds } from '../../rules/no-direct-instantiation.js';
import bypassRule, {
  type MessageIds as BypassIds,
  type Options as BypassOptions,
} from '../../rules/no-factory-bypass.js';
import scopedRule, {
  type MessageIds as ScopedIds,
  type Options as ScopedOptions,
} from '../../rules/no-scoped-in-singleton.js';
import singletonRule, {
  type MessageIds as SingletonIds,
  type Options as SingletonOptions,
} from '../../rules/no-module-singleton.js';
import {
  appFile,
  cases,
  error,
  jsRuleTester,
  ruleTester,
  ssotSettings,
  suggestion,
  webSocketManager,
  type Position,
} from '../rule-tester.js';

const root = appFile('src/main.ts');
const hook = appFile('src/hooks/use-socket.ts');
const importManager = "import { WebSocketManager } from './websocket/manager';";

/** Situation 2: request-scoped and process-wide services created by a container. */
const session = (container: string) => ({
  name: 'SessionContext',
  class: 'SessionContext',
  module: 'src/di/session.ts',
  factory: { container },
  allow: ['src/main.ts'],
});
const feed = (container: string) => ({
  name: 'PriceFeed',
  class: 'PriceFeed',
  module: 'src/di/feed.ts',
  factory: { container },
  lifetime: 'singleton' as const,
});
const sessionFile = appFile('src/di/session.ts');
const feedFile = appFile('src/di/feed.ts');
const consumer = appFile('src/di/consumer.ts');
const importSession = "import { SessionContext } from './session';";

{
  const { valid, invalid } = cases<DirectIds, []>({ filename: root, settings: ssotSettings() });
  ruleTester.run('no-direct-instantiation: containers', directRule, {
    valid: valid([
      // Situation 1: resolving elsewhere than a container, or another class.
      {
        code: `${importManager}\nconst cache = new Map();\ncache.get(WebSocketManager);`,
        filename: hook.replace('hooks/use-socket', 'main'),
      },
      "import { container } from 'tsyringe';\nimport { Other } from './other';\ncontainer.resolve(Other);",
      // A container in an allowed file (the composition root is `allow`ed for construction).
      {
        code: `import { container } from 'tsyringe';\n${importManager.replace('./websocket', '.')}\ncontainer.resolve(WebSocketManager);`,
        filename: appFile('src/websocket/root.ts'),
      },
      // A same-named container of another package.
      `import { container } from './my-container';\n${importManager}\ncontainer.resolve(WebSocketManager);`,
      // Situation 2: resolving or injecting a container-created service is the sanctioned way.
      {
        code: `import { inject } from '@angular/core';\n${importSession}\nexport class Panel { session = inject(SessionContext); }`,
        filename: consumer,
        settings: ssotSettings(session('angular')),
      },
      {
        code: `${importSession}\nexport const s = new SessionContext();`,
        filename: sessionFile,
        settings: ssotSettings(session('nestjs')),
      },
    ]),
    invalid: [
      invalid(
        `import { container } from 'tsyringe';\n${importManager}\nexport const m = container.resolve(WebSocketManager);`,
        [
          error('resolved', [3, 18, 3, 53], {
            data: {
              service: 'WebSocketManager',
              container: 'tsyringe',
              factory: 'getWebSocketManager',
              factoryModule: 'src/websocket/factory.ts',
            },
          }),
        ],
      ),
      invalid(
        `import { Container } from 'inversify';\n${importManager}\nconst c = new Container();\nc.get(WebSocketManager);`,
        [error('resolved', [4, 1, 4, 24])],
      ),
      invalid(
        `import { Injectable } from '@nestjs/common';\nimport { ModuleRef } from '@nestjs/core';\n${importManager}\n@Injectable()\nexport class Jobs {\n  constructor(private readonly moduleRef: ModuleRef) {}\n  run() { return this.moduleRef.resolve(WebSocketManager); }\n}`,
        [error('resolved', [7, 18, 7, 58])],
      ),
      invalid(
        `import { inject, Injector } from '@angular/core';\n${importManager}\nexport class Panel {\n  socket = inject(WebSocketManager);\n  private injector = inject(Injector);\n  later() { return this.injector.get(WebSocketManager); }\n}`,
        [error('resolved', [4, 12, 4, 36]), error('resolved', [6, 20, 6, 55])],
      ),
      // Situation 2: `new` of a container-created service.
      invalid(
        `${importSession}\nexport const s = new SessionContext();`,
        [error('container', [2, 18, 2, 38], { data: { service: 'SessionContext', container: 'NestJS' } })],
        {
          filename: consumer,
          settings: ssotSettings(session('nestjs')),
        },
      ),
    ],
  });
}

{
  const { valid, invalid } = cases<SingletonIds, SingletonOptions>({ filename: root, settings: ssotSettings() });
  const scopedAdvice = 'get it per user or request with getWebSocketManager() instead';
  /** An Angular singleton `PriceFeed` listed in providers: the finding, and the suggestion's `providers` after removal. */
  const providedAgain = (
    declaration: string,
    fixedList: string,
    position: Position,
    place?: { owner: string; where: string },
  ) => {
    const imports =
      "import { Component, Directive, NgModule } from '@angular/core';\nimport { PriceFeed } from './feed';\n";
    const fixed = declaration.replace(/(view)?[pP]roviders: \[.*\](?= \}\))/, fixedList);
    const data =
      place === undefined
        ? undefined
        : { service: 'PriceFeed', why: "registered with `lifetime: 'singleton'`", key: 'providers', ...place };
    return invalid(
      `${imports}${declaration}`,
      [error('providedAgain', position, { data, suggestions: [suggestion('removeProvider', `${imports}${fixed}`)] })],
      { filename: consumer, settings: ssotSettings(feed('angular')) },
    );
  };
  ruleTester.run('no-module-singleton: containers', singletonRule, {
    valid: valid([
      // Angular: a scoped service provided per component is the sanctioned shape; a singleton's `useExisting`/`useValue` creates nothing.
      {
        code: `import { Component } from '@angular/core';\n${importSession}\n@Component({ selector: 'app-orders', template: '', providers: [SessionContext] })\nexport class OrdersComponent {}`,
        filename: consumer,
        settings: ssotSettings(session('angular')),
      },
      {
        code: "import { Component } from '@angular/core';\nimport { PriceFeed } from './feed';\n@Component({ selector: 'app-prices', template: '', providers: [{ provide: 'feed', useExisting: PriceFeed }] })\nexport class PricesComponent {}",
        filename: consumer,
        settings: ssotSettings(feed('angular')),
      },
      // A same-named decorator of another package.
      {
        code: "import { Component } from './my-angular';\nimport { PriceFeed } from './feed';\n@Component({ providers: [PriceFeed] })\nexport class PricesComponent {}",
        filename: consumer,
        settings: ssotSettings(feed('angular')),
      },
      // A singleton of another container.
      {
        code: "import { Component } from '@angular/core';\nimport { PriceFeed } from './feed';\n@Component({ providers: [PriceFeed] })\nexport class PricesComponent {}",
        filename: consumer,
        settings: ssotSettings(feed('nestjs')),
      },

      // Situation 1: per-resolution registrations are not process-wide.
      `import { container, Lifecycle } from 'tsyringe';\n${importManager}\ncontainer.register(WebSocketManager, { useClass: WebSocketManager }, { lifecycle: Lifecycle.ContainerScoped });`,
      `import { Container } from 'inversify';\n${importManager}\nnew Container().bind(WebSocketManager).toSelf().inRequestScope();`,
      // NestJS's default singleton on a class whose factory is a function: not an explicit registration.
      {
        code: "import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class WebSocketManager {}",
        filename: appFile('src/websocket/manager.ts'),
      },
      // Another package's decorator.
      {
        code: "import { singleton } from './decorators';\n@singleton()\nexport class WebSocketManager {}",
        filename: appFile('src/websocket/manager.ts'),
      },
      // Situation 2: the container declares the registry's lifetime.
      {
        code: "import { Injectable, Scope } from '@nestjs/common';\n@Injectable({ scope: Scope.REQUEST })\nexport class SessionContext {}",
        filename: sessionFile,
        settings: ssotSettings(session('nestjs')),
      },
      {
        code: "import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class PriceFeed {}",
        filename: feedFile,
        settings: ssotSettings(feed('nestjs')),
      },
      {
        code: "import { Injectable } from '@angular/core';\n@Injectable({ providedIn: 'root' })\nexport class PriceFeed {}",
        filename: feedFile,
        settings: ssotSettings(feed('angular')),
      },
      {
        code: "import { Injectable } from '@angular/core';\n@Injectable()\nexport class SessionContext {}",
        filename: sessionFile,
        settings: ssotSettings(session('angular')),
      },
      {
        code: "import { singleton } from 'tsyringe';\n@singleton()\nexport class PriceFeed {}",
        filename: feedFile,
        settings: ssotSettings(feed('tsyringe')),
      },
      // A class of the same name in another module is not the service.
      {
        code: "import { singleton } from 'tsyringe';\n@singleton()\nexport class SessionContext {}",
        filename: consumer,
        settings: ssotSettings(session('tsyringe')),
      },
    ]),
    invalid: [
      // Angular: an application-wide service listed again in a component's, directive's or module's providers.
      providedAgain(
        "@Component({ selector: 'app-prices', template: '', providers: [PriceFeed] })\nexport class PricesComponent {}",
        'providers: []',
        [3, 64, 3, 73],
        { owner: 'PricesComponent', where: 'for every PricesComponent and its children' },
      ),
      providedAgain(
        "@Directive({ selector: '[prices]', providers: [Other, { provide: PriceFeed, useClass: PriceFeed }] })\nexport class PricesDirective {}\nclass Other {}",
        'providers: [Other]',
        [3, 55, 3, 98],
      ),
      providedAgain(
        '@NgModule({ providers: [[PriceFeed], Other] })\nexport class PricesModule {}\nclass Other {}',
        'providers: [[], Other]',
        [3, 26, 3, 35],
        { owner: 'PricesModule', where: "for PricesModule's injector when it is lazy-loaded" },
      ),
      // Standard decorators.
      providedAgain(
        'export @Component({ providers: [PriceFeed] }) class PricesComponent {}',
        'providers: []',
        [3, 33, 3, 42],
      ),
      providedAgain(
        "@Component({ selector: 'app-prices', template: '', viewProviders: [PriceFeed, Other] })\nexport class PricesComponent {}\nclass Other {}",
        'viewProviders: [Other]',
        [3, 68, 3, 77],
      ),

      // Situation 1, also in the `allow`ed composition root (src/main.ts is not a home of the service, but allowed files are checked too).
      invalid(
        `import { container } from 'tsyringe';\n${importManager}\ncontainer.registerSingleton(WebSocketManager);`,
        [
          error('containerSingleton', [3, 1, 3, 46], {
            data: {
              service: 'WebSocketManager',
              container: 'tsyringe',
              how: 'registerSingleton()',
              advice: scopedAdvice,
            },
          }),
        ],
      ),
      invalid(
        `import { container, Lifecycle } from 'tsyringe';\nimport { WebSocketManager } from './manager';\ncontainer.register(WebSocketManager, { useClass: WebSocketManager }, { lifecycle: Lifecycle.Singleton });`,
        [error('containerSingleton', [3, 1, 3, 105])],
        { filename: appFile('src/websocket/root.ts') },
      ),
      invalid(
        `import { Container } from 'inversify';\n${importManager}\nconst c = new Container();\nc.bind(WebSocketManager).toSelf().inSingletonScope();`,
        [error('containerSingleton', [4, 1, 4, 53])],
      ),
      invalid(
        "import { singleton } from 'tsyringe';\n@singleton()\nexport class WebSocketManager {}",
        [error('containerSingleton', [2, 1, 2, 13])],
        {
          filename: appFile('src/websocket/manager.ts'),
        },
      ),
      // Standard decorators on an exported class (`export @dec class`).
      invalid(
        "import { Injectable } from '@angular/core';\nexport @Injectable({ providedIn: 'root' }) class WebSocketManager {}",
        [error('containerSingleton', [2, 8, 2, 43])],
        {
          filename: appFile('src/websocket/manager.ts'),
        },
      ),
      // Situation 2: the container's lifetime contradicts the registry.
      invalid(
        "import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class SessionContext {}",
        [error('containerSingleton', [2, 1, 2, 14])],
        { filename: sessionFile, settings: ssotSettings(session('nestjs')) },
      ),
      invalid(
        "import { Injectable } from '@angular/core';\n@Injectable({ providedIn: 'root' })\nexport class SessionContext {}",
        [error('containerSingleton', [2, 1, 2, 36])],
        { filename: sessionFile, settings: ssotSettings(session('angular')) },
      ),
      invalid(
        "import { WebSocketGateway } from '@nestjs/websockets';\n@WebSocketGateway()\nexport default class SessionContext {}",
        [error('containerSingleton', [2, 1, 2, 20])],
        {
          filename: sessionFile,
          settings: ssotSettings({ ...session('nestjs'), class: 'default' }),
        },
      ),
      invalid(
        "import { Injectable, Scope } from '@nestjs/common';\n@Injectable({ scope: Scope.REQUEST })\nexport class PriceFeed {}",
        [error('containerNotSingleton', [2, 1, 2, 38])],
        { filename: feedFile, settings: ssotSettings(feed('nestjs')) },
      ),
      invalid(
        "import { Container } from 'inversify';\nimport { PriceFeed } from './feed';\nnew Container().bind(PriceFeed).toSelf().inRequestScope();",
        [error('containerNotSingleton', [3, 1, 3, 58])],
        { filename: consumer, settings: ssotSettings(feed('inversify')) },
      ),
    ],
  });
}

{
  const { valid, invalid } = cases<BypassIds, BypassOptions>({
    filename: consumer,
    settings: ssotSettings(session('nestjs')),
  });
  ruleTester.run('no-factory-bypass: containers', bypassRule, {
    valid: valid([
      // Injection: a constructor parameter's type (experimentalDecorators + emitDecoratorMetadata), @Inject(C), providers.
      `import { Injectable } from '@nestjs/common';\n${importSession}\n@Injectable()\nexport class Orders { constructor(private readonly session: SessionContext) {} }`,
      `import { Inject, Injectable } from '@nestjs/common';\n${importSession}\n@Injectable()\nexport class Orders { constructor(@Inject(SessionContext) private readonly session: unknown) {} }`,
      `import { Module } from '@nestjs/common';\n${importSession}\n@Module({ providers: [SessionContext], exports: [SessionContext] })\nexport class SessionModule {}`,
      {
        code: `import { inject } from '@angular/core';\n${importSession}\nexport class Panel { session = inject(SessionContext); }`,
        settings: ssotSettings(session('angular')),
      },
      {
        code: `import { container, inject, injectable } from 'tsyringe';\n${importSession}\n@injectable()\nexport class Orders { constructor(@inject(SessionContext) readonly session: SessionContext) {} }\ncontainer.resolve(SessionContext);`,
        settings: ssotSettings(session('tsyringe')),
      },
      // Standard decorators: property injection with an accessor.
      {
        code: `import { inject } from 'inversify';\n${importSession}\nexport class Orders { @inject(SessionContext) accessor session!: SessionContext; }`,
        settings: ssotSettings(session('inversify')),
      },
    ]),
    invalid: [
      invalid(`${importSession}\nexport const s = new SessionContext();`, [
        error('bypassContainer', [1, 10, 1, 24], {
          data: { service: 'SessionContext', module: 'src/di/session.ts', container: 'NestJS' },
        }),
      ]),
      invalid(
        `import { inject } from '@angular/core';\n${importSession}\nexport class Panel { session = inject(SessionContext); }\nexport const leaked = SessionContext;`,
        [error('bypassContainer', [2, 10, 2, 24])],
        {
          settings: ssotSettings(session('angular')),
        },
      ),
      // Situation 1 is unchanged: the class imported around a factory function, even to resolve it.
      invalid(
        `import { container } from 'tsyringe';\n${importManager.replace('./websocket', '../websocket')}\ncontainer.resolve(WebSocketManager);`,
        [error('bypass', [2, 10, 2, 26])],
        {
          settings: ssotSettings(webSocketManager),
          filename: hook,
        },
      ),
    ],
  });
}

{
  const scopedSession = (container: string) => ({ ...session(container), lifetime: 'scoped' as const });
  const { valid, invalid } = cases<ScopedIds, ScopedOptions>({
    filename: consumer,
    settings: ssotSettings(scopedSession('tsyringe')),
  });
  const tsyringeOrders = (decorator: string) =>
    `import { inject, injectable, singleton } from 'tsyringe';\n${importSession}\n${decorator}\nexport class Orders { constructor(@inject(SessionContext) readonly session: SessionContext) {} }`;
  const inversifyOrders = `import { Container, inject, injectable } from 'inversify';\n${importSession}\n@injectable()\nexport class Orders { constructor(@inject(SessionContext) readonly session: SessionContext) {} }`;
  ruleTester.run('no-scoped-in-singleton: containers', scopedRule, {
    valid: valid([
      // A composition root: bound per request, or a class that injects no scoped service.
      {
        code: "import { Container } from 'inversify';\nimport { Orders } from './orders';\nconst container = new Container();\ncontainer.bind(Orders).toSelf().inRequestScope();",
        settings: ssotSettings(scopedSession('inversify')),
      },
      {
        code: "import { Container } from 'inversify';\nimport { PriceFeed } from './feed';\nnew Container().bind(PriceFeed).toSelf().inSingletonScope();",
        settings: ssotSettings(scopedSession('inversify')),
      },
      // A module that cannot be resolved is not read.
      {
        code: "import { Container } from 'inversify';\nimport { Orders } from './missing';\nnew Container().bind(Orders).toSelf().inSingletonScope();",
        settings: ssotSettings(scopedSession('inversify')),
      },
      // A transient class may inject a scoped service.
      tsyringeOrders('@injectable()'),
      // NestJS bubbles request scope up the chain: an ordinary provider that injects a request-scoped one becomes request-scoped.
      {
        code: `import { Injectable } from '@nestjs/common';\n${importSession}\n@Injectable()\nexport class Orders { constructor(private readonly session: SessionContext) {} }`,
        settings: ssotSettings(scopedSession('nestjs')),
      },
      // Angular: a component-provided service (no providedIn) lives with its component.
      {
        code: `import { Injectable, inject } from '@angular/core';\n${importSession}\n@Injectable()\nexport class Cart { session = inject(SessionContext); }`,
        settings: ssotSettings(scopedSession('angular')),
      },
      // A process-wide class injecting another class.
      "import { singleton } from 'tsyringe';\nimport { PriceFeed } from './feed';\n@singleton()\nexport class Orders { constructor(readonly feed: PriceFeed) {} }",
      // Bound per request, or bound as a singleton under another class.
      {
        code: `${inversifyOrders}\nnew Container().bind(Orders).toSelf().inRequestScope();`,
        settings: ssotSettings(scopedSession('inversify')),
      },
      {
        code: `${inversifyOrders}\nclass Other {}\nnew Container().bind(Orders).to(Other).inSingletonScope();`,
        settings: ssotSettings(scopedSession('inversify')),
      },
      // Known limit: a binding in another module (the composition root) is not seen from the class's file.
      {
        code: `${inversifyOrders}\nexport const bound = Orders;`,
        settings: ssotSettings(scopedSession('inversify')),
      },
    ]),
    invalid: [
      // A composition root binding a class of another module as a singleton: its module is read.
      invalid(
        "import { Container } from 'inversify';\nimport { Orders } from './orders';\nconst container = new Container();\ncontainer.bind(Orders).toSelf().inSingletonScope();",
        [
          error('captiveBound', [4, 1, 4, 51], {
            data: {
              className: 'Orders',
              how: 'inSingletonScope()',
              service: 'SessionContext',
              module: 'src/di/orders.ts',
              target: 'this.session',
              line: '9',
            },
          }),
        ],
        { settings: ssotSettings(scopedSession('inversify')) },
      ),
      invalid(
        "import { container } from 'tsyringe';\nimport { Reports } from './reports';\ncontainer.registerSingleton(Reports);",
        [
          error('captiveBound', [3, 1, 3, 37], {
            data: {
              className: 'Reports',
              how: 'registerSingleton()',
              service: 'SessionContext',
              module: 'src/di/reports.ts',
              target: 'session',
              line: '7',
            },
          }),
        ],
      ),
      invalid(tsyringeOrders('@singleton()'), [
        error('captiveInjected', [4, 35, 4, 91], {
          data: {
            className: 'Orders',
            reason: '@singleton() makes tsyringe keep one instance',
            service: 'SessionContext',
            target: 'this.session',
          },
        }),
      ]),
      invalid(
        `import { inject, injectable } from 'inversify';\n${importSession}\n@injectable('Singleton')\nexport class Orders { constructor(@inject(SessionContext) session: unknown) {} }`,
        [
          error('captiveInjected', [4, 59, 4, 75], {
            data: {
              className: 'Orders',
              reason: "@injectable('Singleton') makes InversifyJS keep one instance",
              service: 'SessionContext',
              target: 'session',
            },
          }),
        ],
        { settings: ssotSettings(scopedSession('inversify')) },
      ),
      invalid(
        `import { Injectable, inject } from '@angular/core';\n${importSession}\n@Injectable({ providedIn: 'root' })\nexport class Cart { session = inject(SessionContext); }`,
        [
          error('captiveInjected', [4, 21, 4, 54], {
            data: {
              className: 'Cart',
              reason: "@Injectable({ providedIn: 'root' }) makes Angular keep one instance",
              service: 'SessionContext',
              target: 'this.session',
            },
          }),
        ],
        { settings: ssotSettings(scopedSession('angular')) },
      ),
      invalid(
        `import { WebSocketGateway } from '@nestjs/websockets';\n${importSession}\n@WebSocketGateway()\nexport class Events { constructor(private readonly session: SessionContext) {} }`,
        [
          error('captiveInjected', [4, 35, 4, 75], {
            data: {
              className: 'Events',
              reason: 'NestJS keeps a WebSocket gateway a singleton whatever it injects, line 3',
              service: 'SessionContext',
              target: 'this.session',
            },
          }),
        ],
        { settings: ssotSettings(scopedSession('nestjs')) },
      ),
      invalid(
        `import { Injectable } from '@nestjs/common';\nimport { Cron } from '@nestjs/schedule';\n${importSession}\n@Injectable()\nexport class Reports {\n  constructor(private readonly session: SessionContext) {}\n  @Cron('0 * * * *') run() {}\n}`,
        [error('captiveInjected', [6, 15, 6, 55])],
        { settings: ssotSettings(scopedSession('nestjs')) },
      ),
      // Inversify: a singleton binding in the class's own module keeps it one per process.
      invalid(
        `${inversifyOrders}\nconst container = new Container();\ncontainer.bind(Orders).toSelf().inSingletonScope();`,
        [
          error('captiveInjected', [4, 35, 4, 91], {
            data: {
              className: 'Orders',
              reason: 'inSingletonScope() on line 6 makes InversifyJS keep one instance',
              service: 'SessionContext',
              target: 'this.session',
            },
          }),
        ],
        { settings: ssotSettings(scopedSession('inversify')) },
      ),
      invalid(
        `${inversifyOrders}\nconst container = new Container();\ncontainer.bind('Orders').to(Orders).inSingletonScope();`,
        [error('captiveInjected', [4, 35, 4, 91])],
        { settings: ssotSettings(scopedSession('inversify')) },
      ),
      // tsyringe: registerSingleton() of the class.
      invalid(
        `${tsyringeOrders('@injectable()')}\nimport { container } from 'tsyringe';\ncontainer.registerSingleton('Orders', Orders);`,
        [
          error('captiveInjected', [4, 35, 4, 91], {
            data: {
              className: 'Orders',
              reason: 'registerSingleton() on line 6 makes tsyringe keep one instance',
              service: 'SessionContext',
              target: 'this.session',
            },
          }),
        ],
      ),
      // NestJS keeps Passport strategies singletons.
      invalid(
        `import { Injectable } from '@nestjs/common';\nimport { PassportStrategy } from '@nestjs/passport';\nimport { Strategy } from 'passport-jwt';\n${importSession}\n@Injectable()\nexport class JwtStrategy extends PassportStrategy(Strategy) {\n  constructor(private readonly session: SessionContext) {\n    super();\n  }\n}`,
        [
          error('captiveInjected', [7, 15, 7, 55], {
            data: {
              className: 'JwtStrategy',
              reason: 'NestJS keeps a Passport strategy a singleton whatever it injects, line 6',
              service: 'SessionContext',
              target: 'this.session',
            },
          }),
        ],
        { settings: ssotSettings(scopedSession('nestjs')) },
      ),
    ],
  });
}

// Opt-in decorator-based discovery (`settings.ssot.discover.decorators`): a class its own decorator
// declares request-scoped counts as a scoped service without being listed in `services`.
{
  const discover = { ssot: { ...ssotSettings(webSocketManager).ssot, discover: { decorators: true } } };
  const { valid, invalid } = cases<ScopedIds, ScopedOptions>({ filename: consumer, settings: discover });
  const gateway = (imports: string, parameter: string) =>
    `import { WebSocketGateway } from '@nestjs/websockets';\n${imports}\n@WebSocketGateway()\nexport class Events { constructor(private readonly context: ${parameter}) {} }`;
  ruleTester.run('no-scoped-in-singleton: decorator discovery', scopedRule, {
    valid: valid([
      // Off by default: the unlisted class is not known to be scoped.
      {
        code: gateway("import { RequestContext } from './request-context';", 'RequestContext'),
        settings: ssotSettings(webSocketManager),
      },
      // Nest's default scope is no declaration (it bubbles to request scope).
      gateway("import { Clock } from './request-context';", 'Clock'),
      // An ordinary provider injecting a request-scoped one becomes request-scoped itself.
      `import { Injectable } from '@nestjs/common';\nimport { RequestContext } from './request-context';\n@Injectable()\nexport class Orders { constructor(private readonly context: RequestContext) {} }`,
      // A module that cannot be resolved is not read.
      gateway("import { RequestContext } from './missing';", 'RequestContext'),
    ]),
    invalid: [
      invalid(gateway("import { RequestContext } from './request-context';", 'RequestContext'), [
        error('captiveInjected', [4, 35, 4, 75], {
          data: {
            className: 'Events',
            reason: 'NestJS keeps a WebSocket gateway a singleton whatever it injects, line 3',
            service: 'RequestContext',
            target: 'this.context',
          },
        }),
      ]),
      // Through a barrel and a renamed export; `@Inject(T)` as the token.
      invalid(
        `import { Inject } from '@nestjs/common';\nimport { WebSocketGateway } from '@nestjs/websockets';\nimport { Context } from './discovered';\n@WebSocketGateway()\nexport class Events { constructor(@Inject(Context) context: unknown) {} }`,
        [
          error('captiveInjected', [5, 52, 5, 68], {
            data: {
              className: 'Events',
              reason: 'NestJS keeps a WebSocket gateway a singleton whatever it injects, line 4',
              service: 'Context',
              target: 'context',
            },
          }),
        ],
      ),
      // A class declared in the linted file.
      invalid(
        `import { Injectable, Scope } from '@nestjs/common';\nimport { WebSocketGateway } from '@nestjs/websockets';\n@Injectable({ scope: Scope.REQUEST })\nclass Local {}\n@WebSocketGateway()\nexport class Events { constructor(private readonly local: Local) {} }`,
        [error('captiveInjected', [6, 35, 6, 64])],
      ),
    ],
  });
}

// Decorator-based discovery in no-module-singleton: an unlisted Angular `providedIn: 'root'` class in `providers`.
{
  const discover = { ssot: { ...ssotSettings(webSocketManager).ssot, discover: { decorators: true } } };
  const { valid, invalid } = cases<SingletonIds, SingletonOptions>({ filename: consumer, settings: discover });
  ruleTester.run('no-module-singleton: decorator discovery', singletonRule, {
    valid: valid([
      // Off by default.
      {
        code: "import { Component } from '@angular/core';\nimport { CartService } from './discovered';\n@Component({ selector: 'app-cart', template: '', providers: [CartService] })\nexport class CartComponent {}",
        settings: ssotSettings(webSocketManager),
      },
      // A class without providedIn lives with the component that provides it.
      "import { Component, Injectable } from '@angular/core';\n@Injectable()\nclass Local {}\n@Component({ providers: [Local] })\nexport class CartComponent {}",
    ]),
    invalid: [
      invalid(
        "import { Component } from '@angular/core';\nimport { CartService } from './discovered';\n@Component({ selector: 'app-cart', template: '', providers: [CartService] })\nexport class CartComponent {}",
        [
          error('providedAgain', [3, 62, 3, 73], {
            data: {
              service: 'CartService',
              why: "`@Injectable({ providedIn: 'root' })`",
              key: 'providers',
              owner: 'CartComponent',
              where: 'for every CartComponent and its children',
            },
            suggestions: [
              suggestion(
                'removeProvider',
                "import { Component } from '@angular/core';\nimport { CartService } from './discovered';\n@Component({ selector: 'app-cart', template: '', providers: [] })\nexport class CartComponent {}",
              ),
            ],
          }),
        ],
      ),
      invalid(
        "import { Component, Injectable } from '@angular/core';\n@Injectable({ providedIn: 'root' })\nclass Local {}\n@Component({ selector: 'app-cart', template: '', providers: [Local] })\nexport class CartComponent {}",
        [
          error(
            'providedAgain',
            [4, 62, 4, 67],
            [
              suggestion(
                'removeProvider',
                "import { Component, Injectable } from '@angular/core';\n@Injectable({ providedIn: 'root' })\nclass Local {}\n@Component({ selector: 'app-cart', template: '', providers: [] })\nexport class CartComponent {}",
              ),
            ],
          ),
        ],
      ),
    ],
  });
}

// JavaScript (espree, no decorators): container files never crash the rules, and what needs no decorator still holds.
{
  const discover = {
    ssot: {
      ...ssotSettings({ ...session('tsyringe'), lifetime: 'scoped' }, feed('angular')).ssot,
      discover: { decorators: true },
    },
  };
  const code =
    "import { container } from 'tsyringe';\nimport { Component } from '@angular/core';\nimport { Reports } from './reports';\nclass Local {}\nexport class Holder { constructor(session) { this.session = session; } }\ncontainer.registerSingleton(Reports);";
  jsRuleTester.run('no-module-singleton: containers in JavaScript', singletonRule, {
    valid: [{ code, filename: appFile('src/di/consumer.js'), settings: discover }],
    invalid: [],
  });
  jsRuleTester.run('no-scoped-in-singleton: containers in JavaScript', scopedRule, {
    valid: [],
    invalid: [
      {
        code,
        filename: appFile('src/di/consumer.js'),
        settings: discover,
        errors: [error('captiveBound', [6, 1, 6, 37])],
      },
    ],
  });
}
