import type { SiteTexts } from './types';

/** Easy-to-read Swedish (lättläst): short sentences, common words, one thing at a time. */
export const svLl: SiteTexts = {
  siteName: 'Utväg',
  skipToContent: 'Gå direkt till texten',
  quickExit: 'Gå härifrån snabbt',
  quickExitKeys: 'Du kan också trycka på Esc tre gånger.',
  menuLabel: 'Sidor',
  languagesLabel: 'Språk',
  nav: {
    home: 'Start',
    rights: 'Dina rättigheter',
    programs: 'Hjälpen du kan få',
    contact: 'Kontakta oss',
    safety: 'Var säker på nätet',
    professionals: 'För dig som jobbar med människor',
    mailbox: 'Skriv till oss',
    'find-help': 'Hitta hjälp nära dig',
  },
  emergency: 'Är du i fara nu? Ring 112.',
  footerPromise: 'Hjälpen är gratis. Du behöver inte säga ditt namn. Vi sparar inga kakor.',
  staffLogin: 'För personal: logga in',
  notFound: {
    title: 'Sidan finns inte',
    text: 'Vi hittar inte sidan. Adressen kan vara fel.',
    home: 'Gå till första sidan',
  },
  pages: {
    home: {
      title: 'Vill du sluta sälja sex?',
      lead: 'Du kan få hjälp. Hjälpen är gratis. Du bestämmer vad du vill berätta.',
      sections: [
        {
          heading: 'Det här kan du få hjälp med',
          items: [
            'Ett tryggt ställe att bo på.',
            'Vård och någon att prata med.',
            'Pengar att leva på.',
            'Hjälp med skulder.',
            'Jobb eller skola.',
            'Stöd av någon som själv har varit med om samma sak.',
          ],
        },
        {
          heading: 'Ingen annan får veta',
          paragraphs: [
            'Hjälpen är gratis.',
            'Personalen får inte berätta för andra.',
            'Du behöver inte gå till polisen.',
            'Är du under 18 år? Då har du rätt att få skydd. Det är aldrig ditt fel.',
          ],
        },
        {
          heading: 'Så når du oss',
          items: [
            'Skriv till oss. Du behöver inte säga vem du är.',
            'Ring oss och prata.',
            'Hitta hjälp där du bor.',
          ],
          links: [
            { to: 'mailbox', label: 'Skriv till oss' },
            { to: 'contact', label: 'Kontakta oss' },
            { to: 'find-help', label: 'Hitta hjälp nära dig' },
          ],
        },
      ],
    },
    rights: {
      title: 'Dina rättigheter',
      lead: 'Det är inte förbjudet att sälja sex i Sverige. Det är förbjudet att köpa sex. Du har rätt till hjälp.',
      sections: [
        {
          heading: 'Om någon har gjort dig illa',
          items: [
            'Du kan gå till polisen. Men du måste inte.',
            'Du får hjälp ändå.',
            'Går du till polisen kan du få en jurist. Det kostar inget.',
            'Det du berättar för oss stannar hos oss.',
          ],
        },
        {
          heading: 'Om du kommer från ett annat land',
          items: [
            'Du kan få hjälp och vård direkt.',
            'Du kan få hjälp även om du inte har papper.',
            'Du kan få en tolk. Tolken får inte berätta för andra.',
            'Vill du åka hem? Då kan du få hjälp med det.',
          ],
        },
        {
          heading: 'Om du är under 18 år',
          items: [
            'Du har rätt till skydd direkt.',
            'Den som köper sex av ett barn gör ett brott.',
            'Det är aldrig ditt fel.',
            'Vuxna i skolan och vården måste hjälpa dig att få skydd. Därför kan de behöva berätta för socialtjänsten.',
            'Du kan ringa Bris. Numret är 116 111.',
          ],
        },
      ],
    },
    programs: {
      title: 'Hjälpen du kan få',
      lead: 'Det finns hjälp för vuxna. Det finns hjälp för barn.',
      sections: [
        {
          heading: 'För dig som är vuxen',
          paragraphs: [
            'Du får en person som hjälper dig. Personen heter samordnare.',
            'Ni gör en plan tillsammans.',
            'I planen står vad du behöver. Till exempel bostad, vård, pengar och jobb.',
            'Du kan också få träffa någon som har varit med om samma sak.',
          ],
        },
        {
          heading: 'För dig som är under 18 år',
          paragraphs: [
            'Först ser vi till att du är trygg.',
            'Sedan får du en vuxen som hjälper dig.',
            'Du får säga vad du tycker.',
          ],
        },
        {
          heading: 'Du bestämmer',
          paragraphs: ['Du kan börja när du vill. Du kan ta en paus.'],
          links: [{ to: 'contact', label: 'Kontakta oss' }],
        },
      ],
    },
    contact: {
      title: 'Kontakta oss',
      lead: 'Välj det sätt som känns bäst. Du behöver inte säga ditt namn.',
      sections: [
        {
          heading: 'Skriv till oss',
          paragraphs: [
            'Du behöver inte skriva ditt namn.',
            'Du får en kod och några ord.',
            'Spara dem. Du behöver dem för att läsa vårt svar.',
          ],
          links: [{ to: 'mailbox', label: 'Skriv till oss' }],
        },
        {
          heading: 'Ring oss',
          paragraphs: ['Du kan ringa och prata. Du behöver inte säga vem du är. Numret finns under Hitta hjälp nära dig.'],
        },
        {
          heading: 'Hitta hjälp där du bor',
          paragraphs: ['Välj din kommun. Då ser du var du kan få hjälp.'],
          links: [{ to: 'find-help', label: 'Hitta hjälp nära dig' }],
        },
        {
          heading: 'Viktiga nummer',
          items: [
            '112 om du är i fara.',
            '114 14 om du vill prata med polisen.',
            '1177 om du behöver råd om vård.',
            '116 111 om du är under 18 år och vill prata med Bris.',
          ],
        },
      ],
    },
    safety: {
      title: 'Var säker på nätet',
      lead: 'Kan någon annan se din telefon? Här får du råd.',
      sections: [
        {
          heading: 'Gå härifrån snabbt',
          paragraphs: [
            'Överst på sidan finns en knapp. Den heter Gå härifrån snabbt.',
            'Tryck på den. Då kommer du till en sida om väder.',
          ],
        },
        {
          heading: 'Så syns det inte att du har varit här',
          items: [
            'Använd ett privat fönster. Det kallas också inkognito.',
            'Ta inte bort all historik. Det kan märkas.',
            'Ta bara bort den här sidan från historiken.',
            'Spara inte sidan som bokmärke.',
          ],
        },
        {
          heading: 'Om någon kollar din telefon',
          items: [
            'Låna en telefon av någon du litar på.',
            'Eller använd en dator på biblioteket.',
            'Spara inte din kod med ett namn som avslöjar vad den är.',
          ],
        },
      ],
    },
    professionals: {
      title: 'För dig som jobbar med människor',
      lead: 'Fråga. Många berättar bara om någon frågar.',
      sections: [
        {
          heading: 'Så frågar du',
          items: [
            'Fråga när ni är ensamma.',
            'Använd en riktig tolk.',
            'Fråga enkelt: Har du fått pengar eller saker för sex?',
            'Döm inte.',
          ],
        },
        {
          heading: 'Så hjälper du en vuxen vidare',
          paragraphs: ['Fråga om personen vill ha hjälp. Kontakta socialtjänsten i kommunen.'],
          links: [{ to: 'find-help', label: 'Hitta socialtjänsten' }],
        },
        {
          heading: 'Om det gäller ett barn',
          paragraphs: ['Tror du att ett barn far illa? Gör en orosanmälan till socialtjänsten direkt.'],
        },
      ],
    },
  },
};
