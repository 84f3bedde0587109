/**
 * src/containers.ts: the four frameworks' APIs recognised by identity (where a name comes from), and
 * containers described in settings. Each question is asked through a probe rule on real parses.
 */
import path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_SPECS,
  containerSpecs,
  declaredLifetime,
  injectedDependencies,
  isInjectionTokenUse,
  registrationOf,
  resolveCallOf,
  type ContainerSpec,
} from '../src/containers.js';
import { parseSettings } from '../src/settings.js';

type Probe = (node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>) => string | undefined;

/** Runs `probe` on every node of `type` and returns what it answered (`line: answer`), in order. */
function ask(code: string, type: string, probe: Probe): string[] {
  const answers: string[] = [];
  const linter = new Linter();
  const rule = {
    create(context: { sourceCode: Readonly<TSESLint.SourceCode> }) {
      return {
        [type](node: TSESTree.Node) {
          const answer = probe(node, context.sourceCode);
          if (answer !== undefined) answers.push(`${String(node.loc.start.line)}: ${answer}`);
        },
      };
    },
  };
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser },
        plugins: { probe: { rules: { probe: rule as never } } },
        rules: { 'probe/probe': 'error' },
      },
    ],
    path.join(process.cwd(), 'src/probe.ts'),
  );
  expect(messages).toEqual([]);
  return answers;
}

const text = (node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string => sourceCode.getText(node);

function resolves(code: string, specs: readonly ContainerSpec[] = BUILTIN_SPECS): string[] {
  return ask(code, 'CallExpression', (node, sourceCode) => {
    const found = resolveCallOf(node as TSESTree.CallExpression, specs, sourceCode);
    return found === undefined ? undefined : `${found.spec.name} ${found.method}(${text(found.token, sourceCode)})`;
  });
}

function registrations(code: string, specs: readonly ContainerSpec[] = BUILTIN_SPECS): string[] {
  return ask(code, 'CallExpression', (node, sourceCode) => {
    const found = registrationOf(node as TSESTree.CallExpression, specs, sourceCode);
    if (found === undefined) return undefined;
    const provided = found.provided === undefined ? '?' : text(found.provided, sourceCode);
    return `${found.spec.name} ${text(found.token, sourceCode)}→${provided} ${found.lifetime ?? 'unspecified'} by ${found.how}`;
  });
}

function lifetimes(code: string): string[] {
  return ask(code, 'ClassDeclaration', (node, sourceCode) => {
    const found = declaredLifetime(node as TSESTree.ClassDeclaration, BUILTIN_SPECS, sourceCode);
    return found === undefined
      ? undefined
      : `${found.spec.name} ${found.lifetime} ${found.how}${found.forced === undefined ? '' : ` (${found.forced})`}`;
  });
}

describe('resolveCallOf: a container hands out an instance of a token', () => {
  it('tsyringe: the exported container, aliases, child containers, typed parameters', () => {
    expect(
      resolves(`import { container, type DependencyContainer } from 'tsyringe';
container.resolve(A);
const c = container;
c.resolveAll(B);
const child = container.createChildContainer();
child.resolve(C);
function f(scope: DependencyContainer) { return scope.resolve(D); }
const other = { resolve(x: unknown) { return x; } };
other.resolve(E);`),
    ).toEqual([
      '2: tsyringe resolve(A)',
      '4: tsyringe resolveAll(B)',
      '6: tsyringe resolve(C)',
      '7: tsyringe resolve(D)',
    ]);
  });

  it('tsyringe through require() and a namespace import', () => {
    expect(
      resolves(
        "import * as di from 'tsyringe';\ndi.container.resolve(A);\nconst { container } = require('tsyringe');\ncontainer.resolve(B);",
      ),
    ).toEqual(['2: tsyringe resolve(A)', '4: tsyringe resolve(B)']);
  });

  it('InversifyJS: instances of Container, typed or constructed', () => {
    expect(
      resolves(`import { Container } from 'inversify';
const container = new Container();
container.get(A);
export function g(c: Container) { return c.getAsync(B); }
class Local { get(x: unknown) { return x; } }
new Local().get(C);`),
    ).toEqual(['3: inversify get(A)', '4: inversify getAsync(B)']);
  });

  it('NestJS: ModuleRef in a parameter property, the application from NestFactory', () => {
    expect(
      resolves(`import { Injectable } from '@nestjs/common';
import { ModuleRef, NestFactory } from '@nestjs/core';
@Injectable()
export class Jobs {
  constructor(private readonly moduleRef: ModuleRef) {}
  run() { return this.moduleRef.resolve(A); }
  other() { return this.get(B); }
  get(x: unknown) { return x; }
}
async function main() {
  const app = await NestFactory.create(AppModule);
  app.get(C);
}`),
    ).toEqual(['6: nestjs resolve(A)', '12: nestjs get(C)']);
  });

  it("Angular: inject(), an injector from inject(Injector), TestBed.inject; not another package's inject", () => {
    expect(
      resolves(`import { inject, Injector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
export class Panel {
  socket = inject(A);
  private injector = inject(Injector);
  later() { return this.injector.get(B); }
}
TestBed.inject(C);`),
    ).toEqual(['4: angular inject(A)', '5: angular inject(Injector)', '6: angular get(B)', '8: angular inject(C)']);
    expect(resolves("import { inject } from 'vitest-like';\ninject(A);")).toEqual([]);
  });

  it('a container described in settings', () => {
    const specs = containerSpecs(
      parseSettings({
        services: [],
        containers: { awilix: { module: 'awilix', factories: ['createContainer'], resolve: ['resolve'] } },
      }).containers,
    );
    expect(
      resolves("import { createContainer } from 'awilix';\nconst c = createContainer();\nc.resolve(A);", specs),
    ).toEqual(['3: awilix resolve(A)']);
  });
});

describe('registrationOf: what a container registration declares', () => {
  it('tsyringe: registerSingleton, register with a lifecycle, registerType', () => {
    expect(
      registrations(`import { container, Lifecycle } from 'tsyringe';
container.registerSingleton(A);
container.registerSingleton('token', B);
container.register(C, { useClass: C }, { lifecycle: Lifecycle.Singleton });
container.register(D, { useClass: D }, { lifecycle: Lifecycle.ContainerScoped });
container.register(E, { useValue: e });
container.registerType(F, F);`),
    ).toEqual([
      '2: tsyringe A→A singleton by registerSingleton()',
      "3: tsyringe 'token'→B singleton by registerSingleton()",
      '4: tsyringe C→C singleton by register() with Lifecycle.Singleton',
      '5: tsyringe D→D scoped by register() with Lifecycle.ContainerScoped',
      '6: tsyringe E→? transient by register()',
      '7: tsyringe F→F transient by registerType()',
    ]);
  });

  it('InversifyJS: the bind() chain, read to its end', () => {
    expect(
      registrations(`import { Container } from 'inversify';
const container = new Container();
container.bind(A).toSelf().inSingletonScope();
container.bind(TYPES.B).to(B).inRequestScope();
container.bind(C).toSelf();`),
    ).toEqual([
      '3: inversify A→A singleton by inSingletonScope()',
      '4: inversify TYPES.B→B scoped by inRequestScope()',
      '5: inversify C→C unspecified by bind()',
    ]);
  });

  it('not a container: a Map, an unknown object', () => {
    expect(
      registrations(
        'const m = new Map();\nm.register(A);\ndeclare const c: any;\nc.registerSingleton(B);\nc.bind(C).inSingletonScope();',
      ),
    ).toEqual([]);
  });
});

describe('declaredLifetime: what a class decorator declares', () => {
  it('NestJS: @Injectable() default and scopes, gateways, schedulers and Passport strategies stay singletons', () => {
    expect(
      lifetimes(`import { Injectable, Scope } from '@nestjs/common';
import { WebSocketGateway } from '@nestjs/websockets';
import { Cron } from '@nestjs/schedule';
import { PassportStrategy } from '@nestjs/passport';
@Injectable() class A {}
@Injectable({ scope: Scope.REQUEST }) class B {}
@Injectable({ scope: Scope.TRANSIENT }) class C {}
@WebSocketGateway() class D {}
@Injectable() class E { @Cron('* * * * *') tick() {} }
@Injectable() class F extends PassportStrategy(Strategy) {}
class G {}`),
    ).toEqual([
      '5: nestjs singleton @Injectable()',
      '6: nestjs scoped @Injectable({ scope: Scope.REQUEST })',
      '7: nestjs transient @Injectable({ scope: Scope.TRANSIENT })',
      '8: nestjs singleton @WebSocketGateway() (a WebSocket gateway)',
      "9: nestjs singleton @Cron('* * * * *') (a class with @Cron() jobs)",
      '10: nestjs singleton PassportStrategy (a Passport strategy)',
    ]);
  });

  it("Angular: providedIn 'root' is a singleton, a component is per element, plain @Injectable() is where it is provided", () => {
    expect(
      lifetimes(`import { Component, Injectable } from '@angular/core';
@Injectable({ providedIn: 'root' }) class A {}
@Injectable() class B {}
@Component({ selector: 'x', template: '' }) class C {}`),
    ).toEqual([
      "2: angular singleton @Injectable({ providedIn: 'root' })",
      "4: angular transient @Component({ selector: 'x', template: '' })",
    ]);
  });

  it('tsyringe and InversifyJS decorators; same-named decorators of other packages are not', () => {
    expect(
      lifetimes(`import { singleton, scoped, injectable, Lifecycle } from 'tsyringe';
import * as inversify from 'inversify';
import { Injectable } from './my-decorators';
@singleton() class A {}
@scoped(Lifecycle.ContainerScoped) class B {}
@injectable() class C {}
@inversify.injectable('Singleton') class D {}
@Injectable() class E {}`),
    ).toEqual([
      '4: tsyringe singleton @singleton()',
      '5: tsyringe scoped @scoped(Lifecycle.ContainerScoped)',
      '6: tsyringe transient @injectable()',
      "7: inversify singleton @inversify.injectable('Singleton')",
    ]);
  });
});

describe('injectedDependencies and isInjectionTokenUse', () => {
  it('constructor types, @Inject/@inject tokens, property injection and inject() initialisers', () => {
    const answers = ask(
      `import { Inject } from '@nestjs/common';
import { inject as inversifyInject } from 'inversify';
import { inject } from '@angular/core';
class A {
  @inversifyInject(TOKEN_P) private p!: P;
  q = inject(Q);
  r = notInject(R);
  constructor(private readonly ws: WebSocketManager, @Inject(TOKEN) other: Other, plain: string) {}
}`,
      'ClassDeclaration',
      (node, sourceCode) =>
        injectedDependencies(node as TSESTree.ClassDeclaration, BUILTIN_SPECS, sourceCode)
          .map((dependency) => `${text(dependency.token, sourceCode)}@${dependency.field ?? '-'}`)
          .join(' '),
    );
    expect(answers).toEqual(['4: TOKEN_P@p Q@q WebSocketManager@ws TOKEN@-']);
  });

  it('token uses: container calls, framework decorators and the literals they take; not other uses', () => {
    const answers = ask(
      `import { Module, Inject } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { container } from 'tsyringe';
@Module({ providers: [S, { provide: T, useClass: S }], exports: [S] })
class M { constructor(@Inject(S) s: unknown) {} }
container.resolve(S);
Test.createTestingModule({ providers: [S] });
new S();
console.log(S);
const list = [S];`,
      'Identifier',
      (node, sourceCode) =>
        (node as TSESTree.Identifier).name === 'S' && isInjectionTokenUse(node, BUILTIN_SPECS, sourceCode)
          ? 'token'
          : undefined,
    );
    expect(answers).toEqual(['4: token', '4: token', '4: token', '5: token', '6: token', '7: token']);
  });
});

describe('settings: factory.container and containers', () => {
  const service = { name: 'Gateway', class: 'Gateway', module: 'src/gateway.ts' };
  it.each([
    [
      'an unknown container',
      { services: [{ ...service, factory: { container: 'nest' } }] },
      "settings.ssot.services[0].factory.container: unknown container \"nest\" (expected 'nestjs', 'angular', 'tsyringe', 'inversify', or describe it in settings.ssot.containers)",
    ],
    [
      'a container with a name',
      { services: [{ ...service, factory: { container: 'nestjs', name: 'getGateway' } }] },
      'settings.ssot.services[0].factory.name: a container factory has no name',
    ],
    [
      'a factory with neither',
      { services: [{ ...service, factory: {} }] },
      'settings.ssot.services[0].factory.name: required string is missing',
    ],
    [
      'a custom container without module',
      { services: [], containers: { awilix: { resolve: ['resolve'] } } },
      'settings.ssot.containers.awilix.module: required string is missing',
    ],
    [
      'a custom container key typo',
      { services: [], containers: { awilix: { module: 'awilix', resolv: ['resolve'] } } },
      "settings.ssot.containers.awilix.resolv: unknown key; did you mean 'resolve'?",
    ],
    [
      'a custom container named like a built-in one',
      { services: [], containers: { nestjs: { module: 'x' } } },
      "settings.ssot.containers.nestjs: 'nestjs' is built in",
    ],
    [
      'names not an array',
      { services: [], containers: { awilix: { module: 'awilix', resolve: 'resolve' } } },
      'settings.ssot.containers.awilix.resolve: expected array of names, got the string "resolve"',
    ],
    [
      'discover.decorators not a boolean',
      { services: [], discover: { decorators: 'yes' } },
      'settings.ssot.discover.decorators: expected boolean, got the string "yes"',
    ],
    [
      'a discover key typo',
      { services: [], discover: { decorator: true } },
      "settings.ssot.discover.decorator: unknown key; did you mean 'decorators'?",
    ],
  ])('%s', (_title, settings, message) => {
    expect(() => parseSettings(settings)).toThrow(message);
  });

  it('discover.decorators is off by default', () => {
    expect(parseSettings({ services: [] }).discover?.decorators).toBeUndefined();
    expect(parseSettings({ services: [], discover: { decorators: true } }).discover?.decorators).toBe(true);
  });

  it('accepts a container factory and a custom container', () => {
    const parsed = parseSettings({
      services: [
        { ...service, factory: { container: 'nestjs' } },
        { ...service, name: 'Other', factory: { container: 'awilix' } },
      ],
      containers: { awilix: { label: 'Awilix', module: 'awilix', resolve: ['resolve'] } },
    });
    expect(parsed.services.map((entry) => entry.factory)).toEqual([{ container: 'nestjs' }, { container: 'awilix' }]);
  });
});
