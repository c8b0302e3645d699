import type { SiteTexts } from './types';

/** Swedish: the source every other language is translated from. */
export const sv: SiteTexts = {
  siteName: 'Utväg',
  skipToContent: 'Gå direkt till innehållet',
  quickExit: 'Lämna sidan snabbt',
  quickExitKeys: 'Du kan också trycka på Esc eller Shift tre gånger.',
  menuLabel: 'Sidor',
  languagesLabel: 'Språk',
  nav: {
    home: 'Start',
    rights: 'Dina rättigheter',
    programs: 'Stödprogrammen',
    contact: 'Kontakta oss',
    safety: 'Säker på nätet',
    professionals: 'För yrkesverksamma',
    mailbox: 'Skriv till oss',
    'find-help': 'Hitta hjälp nära dig',
  },
  emergency: 'Är du i fara just nu? Ring 112.',
  footerPromise: 'Hjälpen är gratis. Du behöver inte säga ditt namn. Sidan sparar inga kakor och spårar dig inte.',
  staffLogin: 'För personal: logga in',
  notFound: {
    title: 'Sidan finns inte',
    text: 'Vi hittar inte sidan du letar efter. Adressen kan vara fel, eller så har sidan flyttat.',
    home: 'Gå till startsidan',
  },
  pages: {
    home: {
      title: 'Hjälp att ta sig ur prostitution och sexuell exploatering',
      lead: 'Säljer du sex, eller tvingas du till det? Du kan få hjälp att komma ur det. Hjälpen är gratis och du bestämmer själv hur mycket du berättar.',
      sections: [
        {
          heading: 'Vilken hjälp finns?',
          paragraphs: [
            'Kommunen kan ge dig stöd i ett program som är gjort för dig. Du får en samordnare som håller ihop allt och en plan som ni gör tillsammans.',
          ],
          items: [
            'ett tryggt boende och skydd',
            'vård, samtal och stöd efter trauma',
            'pengar att leva på, hjälp med skulder',
            'jobb, studier och svenska',
            'stöd av någon som själv har tagit sig ur',
          ],
        },
        {
          heading: 'Gratis och med sekretess',
          paragraphs: [
            'Det kostar inget. Personalen har tystnadsplikt. Du behöver inte polisanmäla någon för att få hjälp.',
            'Är du under 18 år har du rätt till skydd. Det är aldrig ditt fel.',
          ],
        },
        {
          heading: 'Tre sätt att nå oss',
          items: [
            'Skriv till oss utan att säga vem du är. Du får en kod och läser svaret när det passar dig.',
            'Ring stödlinjen och prata med någon.',
            'Hitta hjälp i din kommun: socialtjänsten, mottagningar och organisationer.',
          ],
          links: [
            { to: 'mailbox', label: 'Skriv till oss' },
            { to: 'contact', label: 'Så kontaktar du oss' },
            { to: 'find-help', label: 'Hitta hjälp nära dig' },
          ],
        },
      ],
    },
    rights: {
      title: 'Dina rättigheter',
      lead: 'I Sverige är det inte olagligt att sälja sex. Det är den som köper sex som begår ett brott. Du har rätt till hjälp.',
      sections: [
        {
          heading: 'Om du har utsatts för brott',
          items: [
            'Du kan polisanmäla, men du måste inte göra det för att få stöd.',
            'Om du anmäler kan du få ett målsägandebiträde. Det är en jurist som hjälper dig, och det kostar dig inget.',
            'Du kan få stöd av socialtjänsten, vården och ideella organisationer oavsett om du anmäler.',
            'Det du berättar för socialtjänsten och vården skyddas av sekretess.',
          ],
        },
        {
          heading: 'Om du inte är svensk medborgare',
          items: [
            'Du kan få akut hjälp, vård som inte kan vänta och skydd även utan uppehållstillstånd.',
            'Om du har utsatts för människohandel kan du få tid att tänka och ett tillfälligt uppehållstillstånd. Det prövas för varje person.',
            'Du har rätt till tolk. Tolken har tystnadsplikt.',
            'Vill du åka hem kan du få hjälp att resa tryggt.',
          ],
        },
        {
          heading: 'Om du är under 18 år',
          items: [
            'Du har rätt till skydd och hjälp direkt. Det gäller alla barn i Sverige.',
            'Den som köper sex av ett barn begår ett allvarligt brott. Det är aldrig barnets fel.',
            'Vuxna i skolan och vården måste berätta för socialtjänsten om de tror att du far illa. Det är för att du ska få skydd.',
            'Du kan prata anonymt med Bris på telefon 116 111.',
          ],
        },
      ],
    },
    programs: {
      title: 'Stödprogrammen',
      lead: 'Det finns ett program för vuxna och ett för barn. Båda bygger på det du behöver och vill.',
      sections: [
        {
          heading: 'Exitprogrammet för vuxna',
          paragraphs: [
            'Exitprogrammet är för dig som är 18 år eller äldre och som säljer sex, har gjort det eller har utsatts för människohandel.',
            'Du får en samordnare på socialtjänsten. Samordnaren samlar de personer som kan hjälpa dig, till exempel från vården, Arbetsförmedlingen och en ideell organisation.',
            'Tillsammans gör ni en plan. Planen kan gälla länge, och ni ändrar den när ditt liv ändras. Du kan få en stödperson som följer dig hela vägen.',
          ],
          items: [
            'boende och skydd',
            'vård, traumabehandling och test för hiv och andra könssjukdomar',
            'pengar att leva på under tiden, och råd om budget och skulder',
            'utbildning och arbete',
          ],
        },
        {
          heading: 'Programmet för barn',
          paragraphs: [
            'Programmet för barn är för dig som är under 18 år och som har utsatts för sexuell exploatering, till exempel sex mot pengar, saker eller en plats att sova.',
            'Socialtjänsten gör först en bedömning av om du behöver skydd samma dag. Sedan får du en vuxen som följer dig och en plan som är gjord för dig.',
            'Du får säga vad du tycker, och det ska tas på allvar. Din familj är med om det är tryggt för dig.',
          ],
        },
        {
          heading: 'Du bestämmer',
          paragraphs: [
            'Det är frivilligt för vuxna att vara med. Du kan börja när du är redo, ta en paus och komma tillbaka.',
          ],
          links: [{ to: 'contact', label: 'Så kommer du i kontakt med oss' }],
        },
      ],
    },
    contact: {
      title: 'Kontakta oss',
      lead: 'Välj det sätt som känns tryggast för dig. Du behöver inte säga ditt namn.',
      sections: [
        {
          heading: 'Skriv till oss anonymt',
          paragraphs: [
            'Skriv ett meddelande utan namn, telefonnummer eller e-post. Du får en kod och några ord som lösenord. Spara dem på ett säkert ställe. Med dem kan du läsa vårt svar och skriva igen.',
          ],
          links: [{ to: 'mailbox', label: 'Skriv ett meddelande' }],
        },
        {
          heading: 'Ring stödlinjen',
          paragraphs: [
            'På stödlinjen kan du prata med någon som vet mycket om sex mot ersättning och människohandel. Du kan vara anonym. Nummer och öppettider finns under Hitta hjälp nära dig.',
          ],
        },
        {
          heading: 'Hitta hjälp nära dig',
          paragraphs: [
            'Välj din kommun och se vilken hjälp som finns där: socialtjänsten, mottagningar, ideella organisationer och vården.',
          ],
          links: [{ to: 'find-help', label: 'Hitta hjälp nära dig' }],
        },
        {
          heading: 'Viktiga nummer',
          items: [
            '112: när det är akut och du eller någon annan är i fara.',
            '114 14: polisen när det inte är akut.',
            '1177: råd om vård och hälsa, dygnet runt.',
            '116 111: Bris, för dig som är under 18 år.',
          ],
        },
      ],
    },
    safety: {
      title: 'Säker på nätet och i telefonen',
      lead: 'Om någon annan kan se din telefon eller dator, finns det sätt att skydda dig. Här är några råd.',
      sections: [
        {
          heading: 'Lämna sidan snabbt',
          paragraphs: [
            'Knappen Lämna sidan snabbt finns överst på varje sida. Den öppnar en vädersida i stället. Du kan också trycka på Esc eller Shift tre gånger.',
          ],
        },
        {
          heading: 'Sudda ut spåren utan att väcka misstankar',
          items: [
            'Använd ett privat fönster (inkognito). Då sparas ingen historik.',
            'Töm inte hela historiken om någon kan märka att den är tom. Ta bara bort de rader som gäller den här sidan.',
            'Den här sidan sparar inga kakor. Du behöver inte ta bort några.',
            'Spara inte sidan som bokmärke. Skriv hellre in adressen när du behöver den.',
            'Om du är inloggad på ett konto i webbläsaren kan historiken sparas där också. Logga ut eller använd ett privat fönster.',
          ],
        },
        {
          heading: 'En telefon som någon annan kontrollerar',
          items: [
            'Tänk på att någon kan se din plats, dina meddelanden och vilka appar du har.',
            'Låna en telefon eller dator av någon du litar på, eller använd en dator på biblioteket.',
            'Spara inte koden till brevlådan i telefonen med ett namn som avslöjar vad den är.',
          ],
        },
        {
          heading: 'Om någon hotar att sprida bilder',
          paragraphs: [
            'Du kan få hjälp att få bort bilder och filmer från nätet. Berätta för oss, så hjälper vi dig vidare.',
          ],
        },
      ],
    },
    professionals: {
      title: 'För yrkesverksamma',
      lead: 'Många som utsätts berättar aldrig om ingen frågar. Du som möter människor i arbetet kan göra skillnad.',
      sections: [
        {
          heading: 'Så frågar du',
          items: [
            'Fråga när ni är ensamma. Ta inte hjälp av den som följer med som tolk.',
            'Använd en professionell tolk med tystnadsplikt.',
            'Fråga rakt och lugnt, till exempel: Har du fått pengar, saker eller någon annan ersättning för sex?',
            'Berätta vad som händer med det personen säger, och vilken hjälp som finns.',
            'Döm inte. Ett nej i dag kan bli ett ja senare.',
          ],
        },
        {
          heading: 'Så hänvisar du en vuxen',
          paragraphs: [
            'Med personens samtycke kontaktar du socialtjänsten i den kommun där personen bor eller vistas. Samordnaren där kan starta exitprogrammet.',
          ],
          links: [{ to: 'find-help', label: 'Hitta socialtjänsten i en kommun' }],
        },
        {
          heading: 'När det gäller ett barn',
          paragraphs: [
            'Om du i ditt arbete misstänker att ett barn far illa ska du göra en orosanmälan till socialtjänsten direkt. Socialtjänsten bedömer samma dag om barnet behöver skydd.',
          ],
        },
        {
          heading: 'Arbetar du i programmet?',
          paragraphs: ['Personal loggar in via länken längst ner på sidan.'],
        },
      ],
    },
  },
};
