/**
 * The ways Brazilian clients name salon services, mapped to a few canonical concepts. A tenant's catalogue
 * is read through the same table (its service "Escova progressiva" is the `straightening` concept), so a
 * client's words reach whatever the salon calls the service.
 *
 * Phrases are written normalised (lower case, no accents). A word ending in `*` matches any word starting
 * with it ("cort*": corte, cortar, cortou). The longest phrase wins, so "escova progressiva" is
 * straightening, not blow-dry, and "pintar a unha" is a manicure, not hair colour.
 */
export type ServiceConcept =
  | 'haircut'
  | 'beard'
  | 'blowDry'
  | 'hydration'
  | 'colour'
  | 'straightening'
  | 'manicure'
  | 'pedicure'
  | 'eyebrows';

export interface ConceptPhrase {
  phrase: string;
  /** Usually one; "mão e pé" names two services at once, in this order. */
  concepts: readonly ServiceConcept[];
}

const phrases = (concepts: readonly ServiceConcept[], ...texts: string[]): ConceptPhrase[] =>
  texts.map((phrase) => ({ phrase, concepts }));

export const CONCEPT_PHRASES: readonly ConceptPhrase[] = [
  ...phrases(
    ['haircut'],
    'cort*',
    'aparar',
    'apara',
    'tirar a ponta',
    'aparar a ponta',
    'cortar a ponta',
    'repicar',
    'repicado',
    'franja',
    'chanel',
  ),
  ...phrases(
    ['beard'],
    'barba',
    'barbear',
    'bigode',
    'fazer a barba',
    'cortar a barba',
    'cortar barba',
    'aparar a barba',
    'aparar barba',
    'corte de barba',
  ),
  ...phrases(['haircut', 'beard'], 'cabelo e barba', 'cabelo e a barba', 'corte e barba'),
  ...phrases(['beard', 'haircut'], 'barba e cabelo', 'barba e o cabelo', 'barba e corte'),
  ...phrases(['blowDry'], 'escov*', 'chapinha', 'babyliss'),
  ...phrases(
    ['straightening'],
    'progressiv*',
    'alisa*',
    'escova progressiva',
    'escova definitiva',
    'escova inteligente',
    'selagem',
    'botox capilar',
    'relaxamento',
  ),
  ...phrases(['hydration'], 'hidrat*'),
  ...phrases(
    ['colour'],
    'color*',
    'tint*',
    'pint*',
    'luz',
    'mecha',
    'reflexo',
    'balayage',
    'balaiagem',
    'ombre',
    'morena iluminada',
    'retoc* a raiz',
    'retoque de raiz',
    'raiz',
    'descolor*',
    'platin*',
    'tonaliz*',
    'cor',
    'cobrir o branco',
    'cabelo branco',
  ),
  ...phrases(
    ['manicure'],
    'manicur*',
    'unha',
    'unhinha',
    'unha da mao',
    'fazer a mao',
    'mao',
    'esmalt*',
    'francesinha',
    'cuticula',
    'pintar a unha',
    'pintar unha',
    'cortar a unha',
    'cortar unha',
    'cor do esmalte',
    'cor de esmalte',
  ),
  ...phrases(
    ['pedicure'],
    'pedicur*',
    'pe',
    'pezinho',
    'unha do pe',
    'unha de pe',
    'unhinha do pe',
    'fazer o pe',
    'pintar a unha do pe',
  ),
  ...phrases(
    ['manicure', 'pedicure'],
    'mao e pe',
    'mao e o pe',
    'mao e pezinho',
    'unha da mao e do pe',
    'unha da mao e pe',
    'manicure e pedicure',
  ),
  ...phrases(
    ['pedicure', 'manicure'],
    'pe e mao',
    'pe e a mao',
    'unha do pe e da mao',
    'unha do pe e mao',
    'pedicure e manicure',
  ),
  ...phrases(['eyebrows'], 'sobrancelh*', 'sombrancelh*', 'design de sobrancelha', 'design', 'henna', 'rena'),
];

/**
 * Whole words worth correcting a typo towards ("manicuri" → manicure, "pedcure" → pedicure). Stems with
 * `*` cannot be targets, so their common full forms are listed.
 */
export const TYPO_TARGETS: readonly string[] = [
  'manicure',
  'pedicure',
  'sobrancelha',
  'coloracao',
  'hidratacao',
  'progressiva',
  'escova',
  'escovinha',
  'alisamento',
  'tintura',
  'reflexo',
  'corte',
  'cortar',
  'barba',
  'chapinha',
  'pezinho',
  'design',
  'francesinha',
  'esmalte',
  'esmaltacao',
  'babyliss',
  'balayage',
  'selagem',
  'cuticula',
];

/**
 * Words that make a mention a different service the salon may not offer: "corte infantil" is not the
 * adult cut, "alongamento de unha" is not a manicure. Such a mention only matches a service whose name
 * has the word.
 */
export const SPECIALISATIONS: Readonly<Partial<Record<ServiceConcept, readonly string[]>>> = {
  haircut: ['infantil', 'crianca', 'kids', 'kid', 'bebe'],
  manicure: ['alongamento', 'gel', 'fibra', 'acrigel', 'postica', 'porcelana', 'molde', 'tips'],
  eyebrows: ['micropigmentacao', 'microblading'],
};

/** Who the service is for, from the client's words or a service's name. */
export const MASCULINE_WORDS: ReadonlySet<string> = new Set([
  'masculino',
  'masc',
  'homem',
  'marido',
  'namorado',
  'noivo',
  'filho',
  'menino',
  'garoto',
  'rapaz',
  'degrade',
  'maquina',
  'barbeiro',
  'pai',
  'irmao',
]);
export const FEMININE_WORDS: ReadonlySet<string> = new Set([
  'feminino',
  'feminina',
  'mulher',
  'filha',
  'menina',
  'esposa',
  'namorada',
  'mae',
  'irma',
]);
export const CHILD_WORDS: ReadonlySet<string> = new Set(['infantil', 'crianca', 'kids', 'kid', 'bebe']);

/** Words of a service name that say nothing about which service it is ("Corte de cabelo feminino"). */
export const GENERIC_NAME_WORDS: ReadonlySet<string> = new Set([
  'de',
  'do',
  'da',
  'e',
  'com',
  'o',
  'em',
  'no',
  'para',
  'pra',
  'cabelo',
  'simples',
  'completo',
  'completa',
  'tradicional',
  'especial',
  'pacote',
  'sessao',
  'basico',
  'basica',
  'premium',
  'curto',
  'longo',
  'medio',
  ...MASCULINE_WORDS,
  ...FEMININE_WORDS,
  ...CHILD_WORDS,
]);
