import { expect } from '@open-wc/testing';
import { MB } from '../../../src/steps/documents/file-checks.js';
import { requirementsFor } from '../../../src/steps/documents/requirements.js';

const byType = (list: ReturnType<typeof requirementsFor>) =>
  Object.fromEntries(list.map((r) => [r.type, r]));

describe('requirementsFor', () => {
  it('maps individual codes (docs/finhub-contract.md#individual-verification) to labelled 10 MB requirements in FinHub order', () => {
    const list = requirementsFor(
      ['GOVERNMENT_ID', 'PROOF_OF_ADDRESS', 'SOURCE_OF_FUNDS', 'SELFIE', 'BANK_STATEMENT'],
      'individual',
    );
    expect(list.map((r) => r.type)).to.deep.equal([
      'GOVERNMENT_ID',
      'PROOF_OF_ADDRESS',
      'SOURCE_OF_FUNDS',
      'SELFIE',
      'BANK_STATEMENT',
    ]);
    expect(list.map((r) => r.label)).to.deep.equal([
      'Passport or national ID',
      'Proof of address',
      'Source of funds',
      'Selfie',
      'Bank statement',
    ]);
    expect(list.every((r) => r.maxBytes === 10 * MB)).to.equal(true);
    expect(list.every((r) => typeof r.description === 'string' && r.description.length > 0)).to.be
      .true;
  });

  it('offers passport, national ID and driving licence for GOVERNMENT_ID', () => {
    const [id] = requirementsFor(['GOVERNMENT_ID'], 'individual');
    expect(id!.options).to.deep.equal([
      { type: 'PASSPORT', label: 'Passport' },
      { type: 'NATIONAL_ID', label: 'National ID card' },
      { type: 'DRIVERS_LICENSE', label: 'Driving licence' },
    ]);
    expect(id!.accept).to.deep.equal(['application/pdf', 'image/jpeg', 'image/png']);
  });

  it('takes only images for a selfie', () => {
    const [selfie] = requirementsFor(['SELFIE'], 'individual');
    expect(selfie!.accept).to.deep.equal(['image/jpeg', 'image/png']);
  });

  it('applies the B2B guide caps per type (docs/finhub-contract.md#document-upload)', () => {
    const list = byType(
      requirementsFor(
        [
          'CERTIFICATE_OF_INCORPORATION',
          'ARTICLES_OF_ASSOCIATION',
          'SHAREHOLDER_REGISTER',
          'DIRECTOR_ID',
          'PROOF_OF_ADDRESS',
          'BANK_STATEMENT',
          'BENEFICIAL_OWNERSHIP',
          'FINANCIAL_STATEMENTS',
          'BUSINESS_LICENSE',
        ],
        'organization',
      ),
    );
    expect(list['CERTIFICATE_OF_INCORPORATION']!.maxBytes).to.equal(5 * MB);
    expect(list['ARTICLES_OF_ASSOCIATION']!.maxBytes).to.equal(10 * MB);
    expect(list['FINANCIAL_STATEMENTS']!.maxBytes).to.equal(20 * MB);
    for (const other of [
      'SHAREHOLDER_REGISTER',
      'DIRECTOR_ID',
      'PROOF_OF_ADDRESS',
      'BANK_STATEMENT',
      'BENEFICIAL_OWNERSHIP',
      'BUSINESS_LICENSE',
    ]) {
      expect(list[other]!.maxBytes, other).to.equal(5 * MB);
    }
    expect(list['CERTIFICATE_OF_INCORPORATION']!.label).to.equal('Certificate of incorporation');
    expect(list['PROOF_OF_ADDRESS']!.label).to.equal('Proof of business address');
  });

  it('keeps an unknown code as a generic 10 MB requirement labelled from the code', () => {
    for (const kind of ['individual', 'organization'] as const) {
      const [unknown] = requirementsFor(['TAX_RESIDENCY_CERTIFICATE'], kind);
      expect(unknown).to.deep.equal({
        type: 'TAX_RESIDENCY_CERTIFICATE',
        label: 'Tax residency certificate',
        maxBytes: 10 * MB,
        accept: ['application/pdf', 'image/jpeg', 'image/png'],
      });
    }
  });

  it('drops blanks and duplicates but nothing FinHub asked for', () => {
    const list = requirementsFor(['PROOF_OF_ADDRESS', '', 'PROOF_OF_ADDRESS', 'X'], 'individual');
    expect(list.map((r) => r.type)).to.deep.equal(['PROOF_OF_ADDRESS', 'X']);
  });

  it('falls back to a default list per kind when FinHub sends none', () => {
    expect(requirementsFor([], 'individual').map((r) => r.type)).to.deep.equal([
      'GOVERNMENT_ID',
      'PROOF_OF_ADDRESS',
    ]);
    expect(requirementsFor([], 'organization').map((r) => r.type)).to.deep.equal([
      'CERTIFICATE_OF_INCORPORATION',
      'ARTICLES_OF_ASSOCIATION',
      'PROOF_OF_ADDRESS',
    ]);
  });
});
