import { expect } from '@open-wc/testing';
import { createFlowMachine, FlowMachine, type FlowTransition } from '../../src/flow/machine.js';
import type { FlowData, StepId } from '../../src/flow/types.js';
import { FLOWS } from '../../src/flows/index.js';
import { PHONE_FLOWS } from '../../src/flows/phone.js';

const INDIVIDUAL_STEPS = FLOWS.individual.steps;
const ORGANIZATION_STEPS = FLOWS.organization.steps;

const ids = (machine: FlowMachine<FlowData>) => machine.steps.map((step) => step.id);

describe('FlowMachine', () => {
  it('orders the individual and organization steps as FinHub does', () => {
    expect(ids(createFlowMachine(FLOWS.individual))).to.deep.equal([
      'categorization',
      'registration',
      'session',
      'verification',
      'documents',
      'consents',
      'activation',
    ]);
    expect(ids(createFlowMachine(FLOWS.organization))).to.deep.equal([
      'categorization',
      'registration',
      'personnel',
      'session',
      'verification',
      'documents',
      'consents',
      'activation',
    ]);
  });

  it("gives every flow, the phone's included, at least one step and each step id once", () => {
    // The machine trusts its definitions (no check in the shipped code): this is the check.
    const flows = [...Object.values(FLOWS), ...Object.values(PHONE_FLOWS)];
    expect(flows).to.have.length(4);
    for (const flow of flows) {
      const stepIds = flow.steps.map((step) => step.id);
      expect(stepIds).to.not.be.empty;
      expect(new Set(stepIds).size, stepIds.join(', ')).to.equal(stepIds.length);
    }
  });

  it('walks forward, completing each step, and tells listeners {from, to}', () => {
    const machine = createFlowMachine(FLOWS.individual);
    const seen: FlowTransition[] = [];
    machine.subscribe((t) => seen.push(t));
    expect(machine.current).to.equal('categorization');
    machine.next();
    machine.next();
    expect(machine.current).to.equal('session');
    expect([...machine.completed]).to.deep.equal(['categorization', 'registration']);
    expect(seen).to.deep.equal([
      { from: 'categorization', to: 'registration', direction: 'forward' },
      { from: 'registration', to: 'session', direction: 'forward' },
    ]);
  });

  it('finishes after the last step and then stays put', () => {
    const machine = createFlowMachine(FLOWS.individual);
    const seen: FlowTransition[] = [];
    machine.subscribe((t) => seen.push(t));
    for (let i = 0; i < 6; i++) expect(machine.next()).to.not.equal(null);
    expect(machine.current).to.equal('activation');
    expect(machine.finished).to.be.false;
    expect(machine.next()).to.equal(null);
    expect(machine.finished).to.be.true;
    expect(machine.completed.has('activation')).to.be.true;
    expect(machine.next()).to.equal(null);
    expect(seen).to.have.length(6);
  });

  it('allows going back from registration to categorization before registration is done', () => {
    const machine = createFlowMachine(FLOWS.individual);
    machine.next();
    expect(machine.canGoBack).to.be.true;
    const t = machine.previous();
    expect(t).to.deep.equal({ from: 'registration', to: 'categorization', direction: 'back' });
    expect(machine.current).to.equal('categorization');
    expect(machine.canGoBack).to.be.false;
    expect(machine.previous()).to.equal(null);
  });

  it('never goes back into a submitted registration or before it', () => {
    for (const flow of ['individual', 'organization'] as const) {
      const machine = createFlowMachine(FLOWS[flow]);
      machine.next(); // categorization done
      machine.next(); // registration done (locked)
      // Walk the rest; no step after registration may go back.
      while (!machine.finished) {
        expect(machine.canGoBack, `${flow} ${machine.current}`).to.be.false;
        expect(machine.previous()).to.equal(null);
        machine.next();
      }
    }
  });

  it('passes over automatic steps when going back, and refuses when only they remain', () => {
    type D = { flow: 'individual'; ids: object };
    const machine = new FlowMachine<D>(
      [
        { id: 'verification', canGoBack: false, locked: false },
        { id: 'session', automatic: true, canGoBack: true, locked: false },
        { id: 'documents', canGoBack: true, locked: false },
      ],
      { flow: 'individual', ids: {} },
    );
    machine.next();
    machine.next();
    expect(machine.current).to.equal('documents');
    expect(machine.previousStep).to.equal('verification');
    const alone = new FlowMachine<D>(
      [
        { id: 'session', automatic: true, canGoBack: false, locked: false },
        { id: 'documents', canGoBack: true, locked: false },
      ],
      { flow: 'individual', ids: {} },
    );
    alone.next();
    expect(alone.canGoBack).to.be.false;
  });

  it('makes categorization automatic when the host preset a category', () => {
    expect(createFlowMachine(FLOWS.individual).isAutomatic('categorization')).to.be.false;
    const preset = createFlowMachine(FLOWS.individual, { presetCategory: 'INDIVIDUAL_BASIC' });
    expect(preset.isAutomatic('categorization')).to.be.true;
    expect(preset.isAutomatic('session')).to.be.true;
    expect(preset.isAutomatic('registration')).to.be.false;
    preset.update({ presetCategory: undefined });
    expect(preset.isAutomatic('categorization')).to.be.false;
  });

  it('goTo lands on the first unfinished step at or before the target (resume)', () => {
    const machine = createFlowMachine(FLOWS.individual);
    const t = machine.goTo('documents');
    expect(t).to.equal(null); // first unfinished is categorization, where it already is
    machine.markCompleted(['categorization', 'registration', 'session']);
    expect(machine.goTo('documents')).to.deep.equal({
      from: 'categorization',
      to: 'verification',
      direction: 'jump',
    });
    machine.markCompleted(['verification']);
    machine.goTo('documents');
    expect(machine.current).to.equal('documents');
  });

  it('goTo never lands behind a completed registration', () => {
    const machine = createFlowMachine(FLOWS.individual, {
      completed: ['categorization', 'registration'],
    });
    expect(machine.current).to.equal('session');
    machine.markCompleted(['session', 'verification']);
    expect(machine.goTo('categorization')?.to).to.equal('documents');
    expect(machine.current).to.equal('documents');
    expect(() => machine.goTo('personnel' as StepId)).to.throw(/Unknown step/);
  });

  it('resumes from a completed set on the first unfinished step', () => {
    const machine = createFlowMachine(FLOWS.organization, {
      completed: ['categorization', 'registration', 'personnel'],
    });
    expect(machine.current).to.equal('session');
    expect(machine.canGoBack).to.be.false;
  });

  it('skips steps whose condition is false', () => {
    type D = { flow: 'individual'; ids: object; skipDocs?: boolean };
    const machine = new FlowMachine<D>(
      [
        { id: 'verification', canGoBack: false, locked: false },
        { id: 'documents', canGoBack: true, locked: false, when: (d) => !d.skipDocs },
        { id: 'consents', canGoBack: true, locked: false },
      ],
      { flow: 'individual', ids: {}, skipDocs: true },
    );
    machine.next();
    expect(machine.current).to.equal('consents');
    expect(machine.previousStep).to.equal('verification');
  });

  it('unsubscribes listeners and keeps shared data between steps', () => {
    const machine = createFlowMachine(FLOWS.individual);
    let calls = 0;
    const off = machine.subscribe(() => calls++);
    machine.update({ categoryKey: 'INDIVIDUAL_STANDARD' });
    machine.next();
    off();
    machine.next();
    expect(calls).to.equal(1);
    expect(machine.data.categoryKey).to.equal('INDIVIDUAL_STANDARD');
    expect(machine.data.flow).to.equal('individual');
  });

  it('declares back/lock rules in each step config', () => {
    const registration = INDIVIDUAL_STEPS.find((s) => s.id === 'registration')!;
    expect(registration.locked).to.be.true;
    expect(registration.canGoBack).to.be.true;
    const session = ORGANIZATION_STEPS.find((s) => s.id === 'session')!;
    const automatic = session.automatic as (data: FlowData) => boolean;
    expect(automatic({ flow: 'organization', ids: {} })).to.equal(true);
    // A resumed onboarding asks for the credentials on the session step.
    expect(automatic({ flow: 'organization', ids: {}, signInRequired: true })).to.equal(false);
    expect(() => new FlowMachine([], { flow: 'individual', ids: {} })).to.throw();
  });
});
