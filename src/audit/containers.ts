/**
 * DI containers in the audit: the collector records each container registration and class decorator
 * with the lifetime it declares (src/containers.ts answers), the report lists them, and the proposal
 * takes its lifetimes from them.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { BUILTIN_SPECS, declaredLifetime, mayUseContainers, registrationOf } from '../containers.js';
import type { ClassRef, RegistrationFact } from './facts.js';

/** One container registration in the report. */
export interface ContainerRegistration {
  readonly file: string;
  readonly line: number;
  readonly class: string;
  /** The class's module (relative), or its package. */
  readonly module?: string;
  readonly container: string;
  readonly lifetime: 'singleton' | 'scoped' | 'transient';
  readonly how: string;
}

/** Collector listeners for container registrations and decorated classes; none when the file uses no container. */
export function registrationsListener(
  sourceCode: Readonly<TSESLint.SourceCode>,
  refOf: (node: TSESTree.Node) => ClassRef | undefined,
): { listener: TSESLint.RuleListener; registrations: RegistrationFact[] } {
  const registrations: RegistrationFact[] = [];
  if (!mayUseContainers(sourceCode, BUILTIN_SPECS)) return { listener: {}, registrations };
  const checkClass = (node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): void => {
    if (node.id === null) return;
    const declared = declaredLifetime(node, BUILTIN_SPECS, sourceCode);
    if (declared === undefined) return;
    registrations.push({
      class: { kind: 'local', name: node.id.name },
      container: declared.spec.name,
      lifetime: declared.lifetime,
      byDefault: declared.byDefault,
      how: declared.how,
      line: declared.node.loc.start.line,
    });
  };
  return {
    registrations,
    listener: {
      CallExpression(node) {
        const registration = registrationOf(node, BUILTIN_SPECS, sourceCode);
        if (registration?.lifetime === undefined) return;
        const ref = refOf(registration.provided ?? registration.token);
        if (ref === undefined || ref.kind === 'global') return;
        registrations.push({
          class: ref,
          container: registration.spec.name,
          lifetime: registration.lifetime,
          byDefault: false,
          how: registration.how,
          line: node.loc.start.line,
        });
      },
      ClassDeclaration: checkClass,
      ClassExpression: checkClass,
    },
  };
}

/** The proposal's service fields a class's container registrations imply (the last explicit one wins over a default). */
export function containerProposal(
  registrations: readonly ContainerRegistration[],
  byDefault: ReadonlySet<ContainerRegistration>,
): Map<string, { container: string; lifetime: 'singleton' | 'scoped' }> {
  const result = new Map<string, { container: string; lifetime: 'singleton' | 'scoped' }>();
  for (const registration of registrations) {
    if (registration.module === undefined || registration.lifetime === 'transient' || byDefault.has(registration))
      continue;
    result.set(`${registration.module}\0${registration.class}`, {
      container: registration.container,
      lifetime: registration.lifetime,
    });
  }
  return result;
}
