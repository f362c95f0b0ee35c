import type { LanguagePack } from './language-pack';

export const spanish: LanguagePack = {
  code: 'es',
  yes: ['sí', 'si', 'claro', 'claro que sí', 'por supuesto', 'de acuerdo', 'estoy de acuerdo', 'acepto', 'vale', 'dale', 'correcto', 'exacto', 'perfecto', 'sí por favor', 'sí acepto', 'adelante', 'envíalo', 'enviar', 'está bien', 'esta bien', 'bueno'],
  no: ['no', 'nop', 'para nada', 'no acepto', 'no estoy de acuerdo', 'mejor no', 'no gracias', 'de ninguna manera', 'nunca', 'incorrecto', 'eso no es correcto'],
  negationCues: ['\\bnunca\\b', '\\bya no\\b', '\\bjam[aá]s\\b', '\\ben (?:vez|lugar) de\\b', '\\bni\\b', '\\bsin\\b'],
  negationScopeEnds: ['pero', 'sino', 'solo', 'sólo', 'más bien', 'mas bien', 'en realidad', 'ahora', 'tengo', 'uso'],
  numberWords: {
    cero: 0, un: 1, uno: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10,
    doce: 12, quince: 15, veinte: 20, treinta: 30, cuarenta: 40, cincuenta: 50, sesenta: 60, setenta: 70, ochenta: 80, noventa: 90,
    cien: 100, ciento: 100, doscientos: 200, trescientos: 300, quinientos: 500,
  },
  scales: { mil: 1_000, millón: 1_000_000, millon: 1_000_000, millones: 1_000_000 },
  multipliers: { mil: 1_000, millón: 1_000_000, millon: 1_000_000, millones: 1_000_000 },
  vagueAmounts: ['unos cuantos', 'unas cuantas', 'algunos', 'algunas', 'muchos', 'muchas', 'bastantes', 'varios', 'varias', 'miles', 'cientos', 'un montón', 'no muchos'],
  commands: {
    cancel: ['cancelar', 'cancela', 'para', 'parar', 'detente', 'olvídalo', 'olvidalo', 'déjalo', 'dejalo', 'ya no quiero', 'no me interesa', 'cambié de opinión'],
    restart: ['empezar de nuevo', 'volver a empezar', 'desde el principio', 'reiniciar', 'empecemos de nuevo'],
    skip: ['saltar', 'omitir', 'siguiente', 'no tengo', 'ninguno', 'ninguna', 'paso', 'prefiero no decirlo'],
    edit: ['cambiar', 'corregir', 'modificar', 'editar', 'volver'],
  },
  intentWords: {
    afiliado: 'affiliate', afiliada: 'affiliate', afiliados: 'affiliate', afiliarme: 'join', unirme: 'join', unir: 'join', inscribirme: 'join',
    inscribir: 'join', registrarme: 'join', registrar: 'join', postular: 'apply', postularme: 'apply', solicitud: 'apply', solicitar: 'apply',
    aplicar: 'apply', socio: 'partner', socia: 'partner', colaborar: 'partner', colaboración: 'partner', colaboracion: 'partner', ser: 'become',
    convertirme: 'become', promocionar: 'promote', promover: 'promote', programa: 'affiliate',
  },
  intentStopWords: ['quiero', 'quisiera', 'me', 'gustaría', 'gustaria', 'yo', 'con', 'ustedes', 'vosotros', 'su', 'tu', 'el', 'la', 'los', 'las', 'de', 'del', 'al', 'en', 'como', 'un', 'una', 'hola', 'por', 'favor', 'para', 'puedo', 'y', 'a'],
  questionStarts: ['qué', 'que', 'cómo', 'como', 'cuándo', 'cuando', 'dónde', 'donde', 'por qué', 'por que', 'cuál', 'cual', 'cuánto', 'cuanto', 'cuánta', 'cuanta', 'cuántos', 'cuantos', 'quién', 'quien', 'puedo', 'hay', 'es posible', 'tengo que', 'pagan', 'ofrecen'],
  optionWords: {
    youtube: ['canal', 'mi canal', 'canal de youtube'],
    blog: ['sitio web', 'página web', 'pagina web', 'mi web', 'mi blog', 'web'],
    newsletter: ['boletín', 'boletin', 'lista de correo', 'lista de correos'],
    podcast: ['mi podcast'],
    other: ['otro', 'otra cosa', 'en otro sitio'],
    organic_social: ['redes sociales', 'publicaciones', 'contenido orgánico', 'contenido organico', 'mis seguidores', 'vídeos', 'boca a boca'],
    seo: ['buscadores', 'búsqueda', 'busqueda', 'posicionamiento', 'posicionamiento web', 'artículos', 'articulos', 'reseñas'],
    paid_ads: ['anuncios', 'publicidad', 'anuncios pagados', 'publicidad pagada', 'anuncios de pago'],
    email: ['correo', 'correo electrónico', 'correos', 'email marketing'],
    coupons: ['cupones', 'códigos de descuento', 'codigos de descuento', 'ofertas', 'descuentos'],
  },
  fillers: ['por favor', 'gracias', 'vale', 'bueno', 'oye', 'ok'],
};
