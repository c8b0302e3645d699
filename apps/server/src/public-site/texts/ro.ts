import type { SiteTexts } from './types';

/** Romanian, translated from sv.ts. */
export const ro: SiteTexts = {
  siteName: 'Utväg',
  skipToContent: 'Mergi direct la conținut',
  quickExit: 'Ieși repede de pe pagină',
  quickExitKeys: 'Poți apăsa și de trei ori Esc sau Shift.',
  menuLabel: 'Pagini',
  languagesLabel: 'Limbi',
  nav: {
    home: 'Acasă',
    rights: 'Drepturile tale',
    programs: 'Programele de sprijin',
    contact: 'Contactează-ne',
    safety: 'Siguranța pe internet',
    professionals: 'Pentru profesioniști',
    mailbox: 'Scrie-ne',
    'find-help': 'Găsește ajutor aproape de tine',
  },
  emergency: 'Ești în pericol chiar acum? Sună la 112.',
  footerPromise: 'Ajutorul este gratuit. Nu trebuie să-ți spui numele. Acest site nu salvează cookie-uri și nu te urmărește.',
  staffLogin: 'Pentru personal: autentificare',
  notFound: {
    title: 'Pagina nu există',
    text: 'Nu găsim pagina pe care o cauți. Adresa poate fi greșită sau pagina s-a mutat.',
    home: 'Mergi la pagina principală',
  },
  pages: {
    home: {
      title: 'Ajutor ca să ieși din prostituție și exploatare sexuală',
      lead: 'Vinzi sex sau cineva te obligă să o faci? Poți primi ajutor ca să ieși din asta. Ajutorul este gratuit, iar tu hotărăști cât de mult povestești.',
      sections: [
        {
          heading: 'Ce ajutor există?',
          paragraphs: [
            'Comuna (kommun) te poate sprijini într-un program făcut pentru tine. Primești un coordonator care se ocupă de tot și un plan pe care îl faceți împreună.',
          ],
          items: [
            'o locuință sigură și protecție',
            'îngrijire medicală, cineva cu care să vorbești și sprijin după traume',
            'bani de trai și ajutor cu datoriile',
            'muncă, studii și cursuri de suedeză',
            'sprijin de la cineva care a ieșit și el din asta',
          ],
        },
        {
          heading: 'Gratuit și confidențial',
          paragraphs: [
            'Nu costă nimic. Personalul are obligația de a păstra secretul. Nu trebuie să denunți pe nimeni la poliție ca să primești ajutor.',
            'Dacă ai sub 18 ani, ai dreptul la protecție. Nu este niciodată vina ta.',
          ],
        },
        {
          heading: 'Trei moduri de a ajunge la noi',
          items: [
            'Scrie-ne fără să spui cine ești. Primești un cod și citești răspunsul când îți convine.',
            'Sună la linia de sprijin și vorbește cu cineva.',
            'Găsește ajutor în comuna ta: serviciile sociale, cabinete și organizații.',
          ],
          links: [
            { to: 'mailbox', label: 'Scrie-ne' },
            { to: 'contact', label: 'Cum ne contactezi' },
            { to: 'find-help', label: 'Găsește ajutor aproape de tine' },
          ],
        },
      ],
    },
    rights: {
      title: 'Drepturile tale',
      lead: 'În Suedia nu este o infracțiune să vinzi sex. Cel care cumpără sex comite o infracțiune. Ai dreptul la ajutor.',
      sections: [
        {
          heading: 'Dacă ai fost victima unei infracțiuni',
          items: [
            'Poți face plângere la poliție, dar nu este obligatoriu ca să primești sprijin.',
            'Dacă faci plângere, poți primi un avocat al victimei, care te ajută fără să plătești nimic.',
            'Poți primi sprijin de la serviciile sociale, de la sistemul medical și de la organizații neguvernamentale, chiar dacă nu faci plângere.',
            'Ce spui serviciilor sociale și personalului medical este protejat de confidențialitate.',
          ],
        },
        {
          heading: 'Dacă nu ai cetățenie suedeză',
          items: [
            'Poți primi ajutor de urgență, îngrijirea medicală care nu poate aștepta și protecție, chiar și fără permis de ședere.',
            'Dacă ai fost victima traficului de persoane, poți primi timp de gândire și un permis de ședere temporar. Fiecare caz este analizat separat.',
            'Ai dreptul la interpret. Interpretul are obligația de a păstra secretul.',
            'Dacă vrei să te întorci acasă, poți primi ajutor să călătorești în siguranță.',
          ],
        },
        {
          heading: 'Dacă ai sub 18 ani',
          items: [
            'Ai dreptul la protecție și ajutor imediat. Asta e valabil pentru toți copiii din Suedia.',
            'Cine cumpără sex de la un copil comite o infracțiune gravă. Nu este niciodată vina copilului.',
            'Adulții din școală și din sistemul medical trebuie să anunțe serviciile sociale dacă cred că ești în pericol. Asta ca să primești protecție.',
            'Poți vorbi anonim cu Bris la numărul 116 111.',
          ],
        },
      ],
    },
    programs: {
      title: 'Programele de sprijin',
      lead: 'Există un program pentru adulți și unul pentru copii. Amândouă pornesc de la ce ai nevoie și ce vrei tu.',
      sections: [
        {
          heading: 'Programul de ieșire pentru adulți',
          paragraphs: [
            'Programul de ieșire este pentru tine dacă ai 18 ani sau mai mult și vinzi sex, ai făcut asta sau ai fost victima traficului de persoane.',
            'Primești un coordonator la serviciile sociale. Coordonatorul adună oamenii care te pot ajuta, de exemplu din sistemul medical, de la agenția de ocupare a forței de muncă și de la o organizație neguvernamentală.',
            'Împreună faceți un plan. Planul poate dura mult timp și îl schimbați când viața ta se schimbă. Poți avea o persoană de sprijin care te însoțește tot drumul.',
          ],
          items: [
            'locuință și protecție',
            'îngrijire medicală, tratament pentru traume și teste pentru HIV și alte infecții cu transmitere sexuală',
            'bani de trai în acest timp și sfaturi despre buget și datorii',
            'studii și muncă',
          ],
        },
        {
          heading: 'Programul pentru copii',
          paragraphs: [
            'Programul pentru copii este pentru tine dacă ai sub 18 ani și ai fost exploatat sexual, de exemplu sex în schimbul banilor, al unor lucruri sau al unui loc de dormit.',
            'Mai întâi, serviciile sociale evaluează dacă ai nevoie de protecție chiar în aceeași zi. Apoi primești un adult care te însoțește și un plan făcut pentru tine.',
            'Poți spune ce crezi, iar asta trebuie luat în serios. Familia ta participă dacă este sigur pentru tine.',
          ],
        },
        {
          heading: 'Tu hotărăști',
          paragraphs: [
            'Pentru adulți, participarea este voluntară. Poți începe când ești pregătit, poți lua o pauză și poți reveni.',
          ],
          links: [{ to: 'contact', label: 'Cum iei legătura cu noi' }],
        },
      ],
    },
    contact: {
      title: 'Contactează-ne',
      lead: 'Alege calea care ți se pare cea mai sigură. Nu trebuie să-ți spui numele.',
      sections: [
        {
          heading: 'Scrie-ne anonim',
          paragraphs: [
            'Scrie un mesaj fără nume, număr de telefon sau e-mail. Primești un cod și câteva cuvinte care sunt parola ta. Păstrează-le într-un loc sigur. Cu ele poți citi răspunsul nostru și poți scrie din nou.',
          ],
          links: [{ to: 'mailbox', label: 'Scrie un mesaj' }],
        },
        {
          heading: 'Sună la linia de sprijin',
          paragraphs: [
            'La linia de sprijin poți vorbi cu cineva care știe multe despre sexul contra cost și traficul de persoane. Poți rămâne anonim. Numărul și programul sunt la Găsește ajutor aproape de tine.',
          ],
        },
        {
          heading: 'Găsește ajutor aproape de tine',
          paragraphs: [
            'Alege comuna ta și vezi ce ajutor există acolo: serviciile sociale, cabinete, organizații neguvernamentale și sistemul medical.',
          ],
          links: [{ to: 'find-help', label: 'Găsește ajutor aproape de tine' }],
        },
        {
          heading: 'Numere importante',
          items: [
            '112: în caz de urgență, când tu sau altcineva este în pericol.',
            '114 14: poliția, când nu este o urgență.',
            '1177: sfaturi despre sănătate și îngrijire, zi și noapte.',
            '116 111: Bris, pentru tine dacă ai sub 18 ani.',
          ],
        },
      ],
    },
    safety: {
      title: 'Siguranța pe internet și pe telefon',
      lead: 'Dacă altcineva îți poate vedea telefonul sau calculatorul, există moduri de a te proteja. Iată câteva sfaturi.',
      sections: [
        {
          heading: 'Ieși repede de pe pagină',
          paragraphs: [
            'Butonul Ieși repede de pe pagină se află sus pe fiecare pagină. El deschide în schimb o pagină cu vremea. Poți apăsa și de trei ori Esc sau Shift.',
          ],
        },
        {
          heading: 'Șterge urmele fără să trezești bănuieli',
          items: [
            'Folosește o fereastră privată (incognito). Așa nu se salvează istoricul.',
            'Nu șterge tot istoricul dacă cineva ar putea observa că este gol. Șterge doar rândurile cu acest site.',
            'Acest site nu salvează cookie-uri. Nu trebuie să ștergi nimic.',
            'Nu salva acest site la favorite. Mai bine scrie adresa atunci când ai nevoie de ea.',
            'Dacă ești conectat la un cont în browser, istoricul se poate salva și acolo. Deconectează-te sau folosește o fereastră privată.',
          ],
        },
        {
          heading: 'Un telefon controlat de altcineva',
          items: [
            'Nu uita că cineva poate vedea unde ești, mesajele tale și ce aplicații ai.',
            'Împrumută un telefon sau un calculator de la cineva în care ai încredere, sau folosește un calculator de la bibliotecă.',
            'Nu salva codul pentru căsuța de mesaje în telefon cu un nume care arată ce este.',
          ],
        },
        {
          heading: 'Dacă cineva amenință că va răspândi imagini',
          paragraphs: [
            'Poți primi ajutor ca pozele și filmele să fie șterse de pe internet. Spune-ne și te ajutăm mai departe.',
          ],
        },
      ],
    },
    professionals: {
      title: 'Pentru profesioniști',
      lead: 'Multe persoane exploatate nu spun niciodată nimic dacă nu le întreabă nimeni. Dacă întâlnești oameni în munca ta, poți face o diferență.',
      sections: [
        {
          heading: 'Cum să întrebi',
          items: [
            'Întreabă când sunteți singuri. Nu lăsa un însoțitor să traducă.',
            'Folosește un interpret profesionist, care are obligația de a păstra secretul.',
            'Întreabă direct și calm, de exemplu: Ai primit bani, lucruri sau altceva în schimbul sexului?',
            'Explică ce se va întâmpla cu ce îți spune persoana și ce ajutor există.',
            'Nu judeca. Un „nu” astăzi poate deveni un „da” mai târziu.',
          ],
        },
        {
          heading: 'Cum îndrumi un adult',
          paragraphs: [
            'Cu acordul persoanei, contactează serviciile sociale din comuna în care locuiește sau se află. Coordonatorul de acolo poate începe programul de ieșire.',
          ],
          links: [{ to: 'find-help', label: 'Găsește serviciile sociale dintr-o comună' }],
        },
        {
          heading: 'Când este vorba de un copil',
          paragraphs: [
            'Dacă în munca ta bănuiești că un copil este în pericol, fă imediat o sesizare la serviciile sociale. Serviciile sociale evaluează în aceeași zi dacă copilul are nevoie de protecție.',
          ],
        },
        {
          heading: 'Lucrezi în program?',
          paragraphs: ['Personalul se autentifică prin linkul din josul paginii.'],
        },
      ],
    },
  },
};
