import type { SiteTexts } from './types';

/** Spanish, translated from sv.ts. */
export const es: SiteTexts = {
  siteName: 'Utväg',
  skipToContent: 'Ir directamente al contenido',
  quickExit: 'Salir rápido de esta página',
  quickExitKeys: 'También puedes pulsar Esc o Mayús tres veces.',
  menuLabel: 'Páginas',
  languagesLabel: 'Idiomas',
  nav: {
    home: 'Inicio',
    rights: 'Tus derechos',
    programs: 'Los programas de apoyo',
    contact: 'Contacta con nosotros',
    safety: 'Seguridad en internet',
    professionals: 'Para profesionales',
    mailbox: 'Escríbenos',
    'find-help': 'Busca ayuda cerca de ti',
  },
  emergency: '¿Estás en peligro ahora mismo? Llama al 112.',
  footerPromise: 'La ayuda es gratuita. No tienes que decir tu nombre. Esta página no guarda cookies ni te rastrea.',
  staffLogin: 'Para el personal: iniciar sesión',
  notFound: {
    title: 'Esta página no existe',
    text: 'No encontramos la página que buscas. Puede que la dirección esté mal o que la página se haya movido.',
    home: 'Ir a la página de inicio',
  },
  pages: {
    home: {
      title: 'Ayuda para salir de la prostitución y la explotación sexual',
      lead: '¿Vendes sexo, o te obligan a hacerlo? Puedes recibir ayuda para salir. La ayuda es gratuita y tú decides cuánto cuentas.',
      sections: [
        {
          heading: '¿Qué ayuda hay?',
          paragraphs: [
            'El municipio puede apoyarte en un programa pensado para ti. Tendrás una persona coordinadora que lo organiza todo, y un plan que hacéis juntos.',
          ],
          items: [
            'una vivienda segura y protección',
            'atención sanitaria, alguien con quien hablar y apoyo después de un trauma',
            'dinero para vivir y ayuda con las deudas',
            'trabajo, estudios y clases de sueco',
            'el apoyo de alguien que también ha salido',
          ],
        },
        {
          heading: 'Gratis y confidencial',
          paragraphs: [
            'No cuesta nada. El personal tiene deber de confidencialidad. No tienes que denunciar a nadie a la policía para recibir ayuda.',
            'Si tienes menos de 18 años, tienes derecho a protección. Nunca es culpa tuya.',
          ],
        },
        {
          heading: 'Tres maneras de llegar a nosotros',
          items: [
            'Escríbenos sin decir quién eres. Recibes un código y lees la respuesta cuando te venga bien.',
            'Llama a la línea de apoyo y habla con alguien.',
            'Busca ayuda en tu municipio: servicios sociales, centros de atención y organizaciones.',
          ],
          links: [
            { to: 'mailbox', label: 'Escríbenos' },
            { to: 'contact', label: 'Cómo contactar con nosotros' },
            { to: 'find-help', label: 'Busca ayuda cerca de ti' },
          ],
        },
      ],
    },
    rights: {
      title: 'Tus derechos',
      lead: 'En Suecia vender sexo no es delito. Quien compra sexo comete un delito. Tienes derecho a recibir ayuda.',
      sections: [
        {
          heading: 'Si has sido víctima de un delito',
          items: [
            'Puedes denunciarlo a la policía, pero no es necesario para recibir apoyo.',
            'Si denuncias, puedes tener una abogada o un abogado de la víctima que te ayuda, sin coste para ti.',
            'Puedes recibir apoyo de los servicios sociales, la sanidad y organizaciones sin ánimo de lucro, denuncies o no.',
            'Lo que cuentas a los servicios sociales y a la sanidad está protegido por el secreto profesional.',
          ],
        },
        {
          heading: 'Si no tienes la ciudadanía sueca',
          items: [
            'Puedes recibir ayuda urgente, la atención sanitaria que no puede esperar y protección, incluso sin permiso de residencia.',
            'Si has sido víctima de trata de personas, puedes tener un tiempo para pensar y un permiso de residencia temporal. Se decide en cada caso.',
            'Tienes derecho a un intérprete. El intérprete tiene deber de confidencialidad.',
            'Si quieres volver a tu país, puedes recibir ayuda para viajar de forma segura.',
          ],
        },
        {
          heading: 'Si tienes menos de 18 años',
          items: [
            'Tienes derecho a protección y ayuda enseguida. Esto vale para todos los niños y niñas en Suecia.',
            'Quien compra sexo a un niño o una niña comete un delito grave. Nunca es culpa del niño o la niña.',
            'Los adultos en la escuela y en la sanidad tienen que avisar a los servicios sociales si creen que estás en riesgo. Es para que recibas protección.',
            'Puedes hablar de forma anónima con Bris en el 116 111.',
          ],
        },
      ],
    },
    programs: {
      title: 'Los programas de apoyo',
      lead: 'Hay un programa para personas adultas y otro para niños y niñas. Los dos se basan en lo que tú necesitas y quieres.',
      sections: [
        {
          heading: 'El programa de salida para adultos',
          paragraphs: [
            'El programa de salida es para ti si tienes 18 años o más y vendes sexo, lo has hecho o has sido víctima de trata de personas.',
            'Tendrás una persona coordinadora en los servicios sociales. Ella reúne a las personas que pueden ayudarte, por ejemplo de la sanidad, del servicio de empleo y de una organización sin ánimo de lucro.',
            'Juntos hacéis un plan. El plan puede durar mucho tiempo, y lo cambiáis cuando cambia tu vida. Puedes tener una persona de apoyo que te acompaña todo el camino.',
          ],
          items: [
            'vivienda y protección',
            'atención sanitaria, tratamiento del trauma y pruebas del VIH y otras infecciones de transmisión sexual',
            'dinero para vivir mientras tanto, y consejos sobre presupuesto y deudas',
            'estudios y trabajo',
          ],
        },
        {
          heading: 'El programa para niños y niñas',
          paragraphs: [
            'El programa para niños y niñas es para ti si tienes menos de 18 años y has sufrido explotación sexual, por ejemplo sexo a cambio de dinero, cosas o un lugar donde dormir.',
            'Primero, los servicios sociales valoran si necesitas protección el mismo día. Después tendrás una persona adulta que te acompaña y un plan hecho para ti.',
            'Puedes decir lo que piensas, y se tiene que tomar en serio. Tu familia participa si es seguro para ti.',
          ],
        },
        {
          heading: 'Tú decides',
          paragraphs: [
            'Para las personas adultas, participar es voluntario. Puedes empezar cuando estés preparada o preparado, hacer una pausa y volver.',
          ],
          links: [{ to: 'contact', label: 'Cómo ponerte en contacto con nosotros' }],
        },
      ],
    },
    contact: {
      title: 'Contacta con nosotros',
      lead: 'Elige la manera que te parezca más segura. No tienes que decir tu nombre.',
      sections: [
        {
          heading: 'Escríbenos de forma anónima',
          paragraphs: [
            'Escribe un mensaje sin nombre, teléfono ni correo electrónico. Recibes un código y unas palabras que sirven de contraseña. Guárdalos en un lugar seguro. Con ellos puedes leer nuestra respuesta y volver a escribir.',
          ],
          links: [{ to: 'mailbox', label: 'Escribir un mensaje' }],
        },
        {
          heading: 'Llama a la línea de apoyo',
          paragraphs: [
            'En la línea de apoyo puedes hablar con alguien que sabe mucho sobre el sexo a cambio de dinero y la trata de personas. Puedes ser anónima o anónimo. El número y el horario están en Busca ayuda cerca de ti.',
          ],
        },
        {
          heading: 'Busca ayuda cerca de ti',
          paragraphs: [
            'Elige tu municipio y mira qué ayuda hay allí: servicios sociales, centros de atención, organizaciones sin ánimo de lucro y sanidad.',
          ],
          links: [{ to: 'find-help', label: 'Busca ayuda cerca de ti' }],
        },
        {
          heading: 'Números importantes',
          items: [
            '112: en una emergencia, cuando tú o alguien más está en peligro.',
            '114 14: la policía, cuando no es una emergencia.',
            '1177: consejos sobre salud y atención sanitaria, día y noche.',
            '116 111: Bris, para ti si tienes menos de 18 años.',
          ],
        },
      ],
    },
    safety: {
      title: 'Seguridad en internet y en el teléfono',
      lead: 'Si otra persona puede ver tu teléfono o tu ordenador, hay maneras de protegerte. Aquí tienes algunos consejos.',
      sections: [
        {
          heading: 'Salir rápido de esta página',
          paragraphs: [
            'El botón Salir rápido de esta página está arriba en todas las páginas. Abre en su lugar una página del tiempo. También puedes pulsar Esc o Mayús tres veces.',
          ],
        },
        {
          heading: 'Borra tus huellas sin levantar sospechas',
          items: [
            'Usa una ventana privada (de incógnito). Así no se guarda el historial.',
            'No borres todo el historial si alguien puede notar que está vacío. Borra solo las líneas de esta página.',
            'Esta página no guarda cookies. No tienes que borrar ninguna.',
            'No guardes esta página en favoritos. Es mejor escribir la dirección cuando la necesites.',
            'Si tienes una cuenta abierta en el navegador, el historial también puede guardarse allí. Cierra la sesión o usa una ventana privada.',
          ],
        },
        {
          heading: 'Un teléfono que controla otra persona',
          items: [
            'Recuerda que alguien puede ver dónde estás, tus mensajes y qué aplicaciones tienes.',
            'Pide prestado un teléfono o un ordenador a alguien de confianza, o usa un ordenador de la biblioteca.',
            'No guardes el código del buzón en el teléfono con un nombre que muestre lo que es.',
          ],
        },
        {
          heading: 'Si alguien amenaza con difundir imágenes',
          paragraphs: [
            'Puedes recibir ayuda para que se retiren fotos y vídeos de internet. Cuéntanoslo y te ayudaremos.',
          ],
        },
      ],
    },
    professionals: {
      title: 'Para profesionales',
      lead: 'Muchas personas explotadas nunca lo cuentan si nadie les pregunta. Si atiendes a personas en tu trabajo, puedes marcar la diferencia.',
      sections: [
        {
          heading: 'Cómo preguntar',
          items: [
            'Pregunta cuando estéis a solas. No dejes que un acompañante haga de intérprete.',
            'Usa un intérprete profesional con deber de confidencialidad.',
            'Pregunta de forma directa y tranquila, por ejemplo: ¿Te han dado dinero, cosas u otra cosa a cambio de sexo?',
            'Explica qué pasará con lo que la persona te cuente y qué ayuda existe.',
            'No juzgues. Un no hoy puede ser un sí más adelante.',
          ],
        },
        {
          heading: 'Cómo derivar a una persona adulta',
          paragraphs: [
            'Con el consentimiento de la persona, contacta con los servicios sociales del municipio donde vive o se encuentra. La persona coordinadora de allí puede iniciar el programa de salida.',
          ],
          links: [{ to: 'find-help', label: 'Buscar los servicios sociales de un municipio' }],
        },
        {
          heading: 'Cuando se trata de un niño o una niña',
          paragraphs: [
            'Si en tu trabajo sospechas que un niño o una niña está en riesgo, comunícalo enseguida a los servicios sociales. Los servicios sociales valoran el mismo día si necesita protección.',
          ],
        },
        {
          heading: '¿Trabajas en el programa?',
          paragraphs: ['El personal inicia sesión con el enlace al final de la página.'],
        },
      ],
    },
  },
};
