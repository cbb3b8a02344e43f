import { describe, expect, it } from 'vitest';
import { normalizeMessage } from './normalize';
import { createServiceMatcher } from './service-matcher';
import { type CatalogueService } from './types';

/** The demo salon's catalogue (packages/core demoCatalogue), ids = its keys. */
const DEMO: readonly CatalogueService[] = [
  { id: 'corte', name: 'Corte feminino' },
  { id: 'corte_masculino', name: 'Corte masculino' },
  { id: 'barba', name: 'Barba' },
  { id: 'escova', name: 'Escova' },
  { id: 'hidratacao', name: 'Hidratação' },
  { id: 'coloracao', name: 'Coloração' },
  { id: 'progressiva', name: 'Progressiva' },
  { id: 'manicure', name: 'Manicure' },
  { id: 'pedicure', name: 'Pedicure' },
  { id: 'mao_e_pe', name: 'Mão e pé' },
  { id: 'sobrancelha', name: 'Design de sobrancelha' },
];

function matchIn(services: readonly CatalogueService[]) {
  const matcher = createServiceMatcher(services);
  return (text: string): string[] => matcher(normalizeMessage(text));
}

const demo = matchIn(DEMO);

describe('service matching on the demo catalogue', () => {
  it.each([
    ['corte', 'corte'],
    ['quero cortar o cabelo', 'corte'],
    ['cortar', 'corte'],
    ['aparar as pontas', 'corte'],
    ['corte masculino', 'corte_masculino'],
    ['corte de homem', 'corte_masculino'],
    ['cortar o cabelo do meu marido', 'corte_masculino'],
    ['fazer a barba', 'barba'],
    ['unha', 'manicure'],
    ['as unhas', 'manicure'],
    ['fazer a mão', 'manicure'],
    ['manicure', 'manicure'],
    ['pintar as unhas', 'manicure'],
    ['pé', 'pedicure'],
    ['pezinho', 'pedicure'],
    ['unha do pé', 'pedicure'],
    ['mão e pé', 'mao_e_pe'],
    ['pé e mão', 'mao_e_pe'],
    ['manicure e pedicure', 'mao_e_pe'],
    ['sobrancelha', 'sobrancelha'],
    ['design com henna', 'sobrancelha'],
    ['escova', 'escova'],
    ['escovinha', 'escova'],
    ['escova progressiva', 'progressiva'],
    ['alisamento', 'progressiva'],
    ['pintar o cabelo', 'coloracao'],
    ['tintura', 'coloracao'],
    ['luzes', 'coloracao'],
    ['mechas', 'coloracao'],
    ['retocar a raiz', 'coloracao'],
    ['hidratação', 'hidratacao'],
    ['hidratar o cabelo', 'hidratacao'],
  ])('maps "%s" to %s', (text, id) => {
    expect(demo(text)).toEqual([id]);
  });

  it.each([
    ['manicuri', 'manicure'],
    ['pedcure', 'pedicure'],
    ['coloracao', 'coloracao'],
    ['sombrancelha', 'sobrancelha'],
    ['idratação', 'hidratacao'],
    ['progessiva', 'progressiva'],
  ])('tolerates the typo "%s"', (text, id) => {
    expect(demo(text)).toEqual([id]);
  });

  it('lists every service named, in the order the client named them', () => {
    expect(demo('unha e sobrancelha')).toEqual(['manicure', 'sobrancelha']);
    expect(demo('cabelo e barba')).toEqual(['corte_masculino', 'barba']);
    expect(demo('barba e cabelo')).toEqual(['barba', 'corte_masculino']);
    expect(demo('hidratação e escova')).toEqual(['hidratacao', 'escova']);
  });

  it.each(['tem horário amanhã?', 'vou buscar meu filho na escola', 'fazer o cabelo', 'obrigada!'])(
    'finds no service in "%s"',
    (text) => {
      expect(demo(text)).toEqual([]);
    },
  );

  it('does not pass a service the salon does not list for one it does', () => {
    expect(demo('vocês fazem corte infantil?')).toEqual([]);
    expect(demo('alongamento de unha')).toEqual([]);
    expect(demo('unha em gel')).toEqual([]);
  });
});

describe('service matching on other catalogues', () => {
  it('takes a lone "Corte" for any cut, masculine included', () => {
    const match = matchIn([{ id: 'c', name: 'Corte' }]);
    expect(match('quero cortar o cabelo')).toEqual(['c']);
    expect(match('corte masculino')).toEqual(['c']);
  });

  it('reads "Corte de cabelo" as a cut', () => {
    expect(matchIn([{ id: 'c', name: 'Corte de cabelo' }])('aparar as pontas')).toEqual(['c']);
  });

  it('prefers the generic cut to the gendered ones when the client says nothing', () => {
    const match = matchIn([
      { id: 'fem', name: 'Corte feminino' },
      { id: 'masc', name: 'Corte masculino' },
      { id: 'generic', name: 'Corte' },
    ]);
    expect(match('corte')).toEqual(['generic']);
    expect(match('corte pro meu namorado')).toEqual(['masc']);
    expect(match('corte feminino')).toEqual(['fem']);
  });

  it('gives a barbershop its masculine cut for a plain "corte", never the children\'s', () => {
    const match = matchIn([
      { id: 'kids', name: 'Corte infantil' },
      { id: 'masc', name: 'Corte masculino' },
    ]);
    expect(match('corte')).toEqual(['masc']);
    expect(match('corte infantil')).toEqual(['kids']);
  });

  it('splits "mão e pé" into manicure and pedicure when the salon has no combined service', () => {
    const match = matchIn([
      { id: 'm', name: 'Manicure' },
      { id: 'p', name: 'Pedicure' },
    ]);
    expect(match('mão e pé')).toEqual(['m', 'p']);
  });

  it('uses a combined service when the client names all of its parts', () => {
    const match = matchIn([
      { id: 'corte', name: 'Corte' },
      { id: 'barba', name: 'Barba' },
      { id: 'combo', name: 'Corte + barba' },
    ]);
    expect(match('corte e barba sábado')).toEqual(['combo']);
    expect(match('só a barba')).toEqual(['barba']);
  });

  it('finds services outside the synonym table by the words of their names', () => {
    const match = matchIn([
      { id: 'pele', name: 'Limpeza de pele' },
      { id: 'cilios', name: 'Cílios fio a fio' },
    ]);
    expect(match('queria fazer uma limpeza de pele')).toEqual(['pele']);
    expect(match('quero fazer cílios')).toEqual(['cilios']);
  });

  it('finds nothing for a concept the salon does not offer', () => {
    expect(matchIn([{ id: 'p', name: 'Escova progressiva' }])('escova')).toEqual([]);
    expect(matchIn([{ id: 'p', name: 'Escova progressiva' }])('progressiva')).toEqual(['p']);
  });
});
