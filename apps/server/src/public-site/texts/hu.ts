import type { SiteTexts } from './types';

/** Hungarian, translated from sv.ts. */
export const hu: SiteTexts = {
  siteName: 'Utväg',
  skipToContent: 'Ugrás a tartalomhoz',
  quickExit: 'Gyors kilépés az oldalról',
  quickExitKeys: 'Háromszor megnyomhatod az Esc vagy a Shift billentyűt is.',
  menuLabel: 'Oldalak',
  languagesLabel: 'Nyelvek',
  nav: {
    home: 'Kezdőlap',
    rights: 'A jogaid',
    programs: 'A támogató programok',
    contact: 'Kapcsolat',
    safety: 'Biztonság az interneten',
    professionals: 'Szakembereknek',
    mailbox: 'Írj nekünk',
    'find-help': 'Segítség a közeledben',
  },
  emergency: 'Most veszélyben vagy? Hívd a 112-t.',
  footerPromise: 'A segítség ingyenes. Nem kell megmondanod a neved. Ez az oldal nem ment sütiket, és nem követ téged.',
  staffLogin: 'Munkatársaknak: bejelentkezés',
  notFound: {
    title: 'Ez az oldal nem létezik',
    text: 'Nem találjuk az oldalt, amit keresel. Lehet, hogy rossz a cím, vagy az oldal máshová került.',
    home: 'Vissza a kezdőlapra',
  },
  pages: {
    home: {
      title: 'Segítség a prostitúcióból és a szexuális kizsákmányolásból való kilépéshez',
      lead: 'Szexet árulsz, vagy kényszerítenek rá? Kaphatsz segítséget, hogy kijuss belőle. A segítség ingyenes, és te döntöd el, mennyit mondasz el.',
      sections: [
        {
          heading: 'Milyen segítség van?',
          paragraphs: [
            'Az önkormányzat (kommun) támogathat egy neked kialakított programban. Kapsz egy koordinátort, aki mindent összefog, és egy tervet, amelyet közösen készítetek el.',
          ],
          items: [
            'biztonságos lakhatás és védelem',
            'egészségügyi ellátás, beszélgetés és támogatás trauma után',
            'pénz a megélhetéshez és segítség az adósságokkal',
            'munka, tanulás és svéd nyelvtanulás',
            'támogatás valakitől, aki maga is kijutott',
          ],
        },
        {
          heading: 'Ingyenes és bizalmas',
          paragraphs: [
            'Semmibe sem kerül. A munkatársakat titoktartási kötelezettség köti. Nem kell feljelentést tenned a rendőrségen ahhoz, hogy segítséget kapj.',
            'Ha 18 évesnél fiatalabb vagy, jogod van a védelemhez. Soha nem a te hibád.',
          ],
        },
        {
          heading: 'Három módon érhetsz el minket',
          items: [
            'Írj nekünk anélkül, hogy elárulnád, ki vagy. Kapsz egy kódot, és akkor olvasod el a választ, amikor neked megfelel.',
            'Hívd a segélyvonalat, és beszélj valakivel.',
            'Keress segítséget a településeden: szociális szolgálat, rendelők és szervezetek.',
          ],
          links: [
            { to: 'mailbox', label: 'Írj nekünk' },
            { to: 'contact', label: 'Hogyan érhetsz el minket' },
            { to: 'find-help', label: 'Segítség a közeledben' },
          ],
        },
      ],
    },
    rights: {
      title: 'A jogaid',
      lead: 'Svédországban nem bűncselekmény szexet árulni. Aki szexet vásárol, az követ el bűncselekményt. Jogod van a segítséghez.',
      sections: [
        {
          heading: 'Ha bűncselekmény áldozata lettél',
          items: [
            'Feljelentést tehetsz a rendőrségen, de a támogatáshoz ez nem feltétel.',
            'Ha feljelentést teszel, kaphatsz sértetti jogi képviselőt: egy ügyvédet, aki segít neked, és akiért nem kell fizetned.',
            'Kaphatsz támogatást a szociális szolgálattól, az egészségügytől és civil szervezetektől, akár teszel feljelentést, akár nem.',
            'Amit a szociális szolgálatnak és az egészségügynek elmondasz, azt titoktartás védi.',
          ],
        },
        {
          heading: 'Ha nem vagy svéd állampolgár',
          items: [
            'Tartózkodási engedély nélkül is kaphatsz sürgős segítséget, halaszthatatlan egészségügyi ellátást és védelmet.',
            'Ha emberkereskedelem áldozata lettél, kaphatsz gondolkodási időt és ideiglenes tartózkodási engedélyt. Ezt mindenkinél egyenként bírálják el.',
            'Jogod van tolmácshoz. A tolmácsot titoktartási kötelezettség köti.',
            'Ha haza szeretnél utazni, segítséget kaphatsz, hogy biztonságban utazz.',
          ],
        },
        {
          heading: 'Ha 18 évesnél fiatalabb vagy',
          items: [
            'Jogod van azonnali védelemhez és segítséghez. Ez Svédországban minden gyerekre vonatkozik.',
            'Aki gyerektől vásárol szexet, súlyos bűncselekményt követ el. Soha nem a gyerek hibája.',
            'Az iskolában és az egészségügyben dolgozó felnőtteknek szólniuk kell a szociális szolgálatnak, ha úgy gondolják, hogy bajban vagy. Azért, hogy védelmet kapj.',
            'Névtelenül beszélhetsz a Bris munkatársaival a 116 111-es számon.',
          ],
        },
      ],
    },
    programs: {
      title: 'A támogató programok',
      lead: 'Van egy program felnőtteknek és egy gyerekeknek. Mindkettő abból indul ki, amire szükséged van, és amit te szeretnél.',
      sections: [
        {
          heading: 'Kilépési program felnőtteknek',
          paragraphs: [
            'A kilépési program neked szól, ha elmúltál 18 éves, és szexet árulsz, árultál, vagy emberkereskedelem áldozata lettél.',
            'Kapsz egy koordinátort a szociális szolgálatnál. A koordinátor összehozza azokat, akik segíthetnek neked, például az egészségügyből, a munkaügyi hivataltól és egy civil szervezettől.',
            'Együtt készítetek egy tervet. A terv hosszú ideig tarthat, és akkor változtatjátok meg, amikor az életed változik. Kaphatsz egy támogató személyt is, aki végig melletted van.',
          ],
          items: [
            'lakhatás és védelem',
            'egészségügyi ellátás, traumakezelés, valamint HIV- és más szexuális úton terjedő fertőzések szűrése',
            'pénz a megélhetéshez erre az időre, és tanácsadás a költségvetésről és az adósságokról',
            'tanulás és munka',
          ],
        },
        {
          heading: 'Program gyerekeknek',
          paragraphs: [
            'A gyerekeknek szóló program neked szól, ha 18 évesnél fiatalabb vagy, és szexuálisan kizsákmányoltak, például szex pénzért, tárgyakért vagy egy alvóhelyért.',
            'A szociális szolgálat először felméri, hogy még aznap szükséged van-e védelemre. Utána kapsz egy felnőttet, aki melletted van, és egy neked készült tervet.',
            'Elmondhatod, mit gondolsz, és ezt komolyan kell venni. A családod akkor vesz részt, ha ez biztonságos számodra.',
          ],
        },
        {
          heading: 'Te döntesz',
          paragraphs: [
            'Felnőttek számára a részvétel önkéntes. Akkor kezdheted, amikor készen állsz, tarthatsz szünetet, és visszajöhetsz.',
          ],
          links: [{ to: 'contact', label: 'Hogyan veheted fel velünk a kapcsolatot' }],
        },
      ],
    },
    contact: {
      title: 'Kapcsolat',
      lead: 'Válaszd azt a módot, amely a legbiztonságosabbnak tűnik. Nem kell megmondanod a neved.',
      sections: [
        {
          heading: 'Írj nekünk névtelenül',
          paragraphs: [
            'Írj üzenetet név, telefonszám és e-mail-cím nélkül. Kapsz egy kódot és néhány szót jelszóként. Tartsd őket biztonságos helyen. Ezekkel elolvashatod a válaszunkat, és újra írhatsz.',
          ],
          links: [{ to: 'mailbox', label: 'Üzenet írása' }],
        },
        {
          heading: 'Hívd a segélyvonalat',
          paragraphs: [
            'A segélyvonalon olyasvalakivel beszélhetsz, aki sokat tud a pénzért nyújtott szexről és az emberkereskedelemről. Névtelen maradhatsz. A számot és a nyitvatartást a Segítség a közeledben oldalon találod.',
          ],
        },
        {
          heading: 'Segítség a közeledben',
          paragraphs: [
            'Válaszd ki a településedet, és nézd meg, milyen segítség van ott: szociális szolgálat, rendelők, civil szervezetek és egészségügy.',
          ],
          links: [{ to: 'find-help', label: 'Segítség a közeledben' }],
        },
        {
          heading: 'Fontos telefonszámok',
          items: [
            '112: vészhelyzetben, amikor te vagy valaki más veszélyben van.',
            '114 14: a rendőrség, ha nem sürgős.',
            '1177: egészségügyi tanácsadás éjjel-nappal.',
            '116 111: Bris, neked, ha 18 évesnél fiatalabb vagy.',
          ],
        },
      ],
    },
    safety: {
      title: 'Biztonság az interneten és a telefonon',
      lead: 'Ha valaki más is belenézhet a telefonodba vagy a számítógépedbe, meg tudod védeni magad. Íme néhány tanács.',
      sections: [
        {
          heading: 'Gyors kilépés az oldalról',
          paragraphs: [
            'A Gyors kilépés az oldalról gomb minden oldal tetején megtalálható. Helyette egy időjárás-oldalt nyit meg. Háromszor megnyomhatod az Esc vagy a Shift billentyűt is.',
          ],
        },
        {
          heading: 'Tüntesd el a nyomokat feltűnés nélkül',
          items: [
            'Használj privát (inkognitó) ablakot. Így nem mentődik az előzmény.',
            'Ne töröld az összes előzményt, ha valaki észrevehetné, hogy üres. Csak az ehhez az oldalhoz tartozó sorokat töröld.',
            'Ez az oldal nem ment sütiket. Nem kell semmit törölnöd.',
            'Ne mentsd el az oldalt a könyvjelzők közé. Inkább írd be a címet, amikor szükséged van rá.',
            'Ha a böngészőben be vagy jelentkezve egy fiókba, az előzmények ott is mentődhetnek. Jelentkezz ki, vagy használj privát ablakot.',
          ],
        },
        {
          heading: 'Ha a telefonodat más ellenőrzi',
          items: [
            'Gondolj arra, hogy valaki láthatja, hol vagy, az üzeneteidet és azt, milyen alkalmazásaid vannak.',
            'Kérj kölcsön telefont vagy számítógépet valakitől, akiben megbízol, vagy használd a könyvtár számítógépét.',
            'Ne mentsd el a postafiók kódját a telefonodban olyan néven, amelyből kiderül, mi az.',
          ],
        },
        {
          heading: 'Ha valaki képek terjesztésével fenyeget',
          paragraphs: [
            'Segítséget kaphatsz ahhoz, hogy a képeket és videókat eltávolítsák az internetről. Szólj nekünk, és segítünk a továbbiakban.',
          ],
        },
      ],
    },
    professionals: {
      title: 'Szakembereknek',
      lead: 'Sok kizsákmányolt ember soha nem mondja el, ha senki nem kérdezi. Ha a munkád során emberekkel találkozol, változást hozhatsz.',
      sections: [
        {
          heading: 'Hogyan kérdezz',
          items: [
            'Akkor kérdezz, amikor kettesben vagytok. Ne hagyd, hogy egy kísérő tolmácsoljon.',
            'Vegyél igénybe titoktartásra kötelezett hivatásos tolmácsot.',
            'Kérdezz egyenesen és nyugodtan, például: Kaptál már pénzt, tárgyakat vagy bármi mást szexért cserébe?',
            'Mondd el, mi történik azzal, amit a személy elmond, és milyen segítség létezik.',
            'Ne ítélkezz. A mai nemből később igen lehet.',
          ],
        },
        {
          heading: 'Hogyan irányíts tovább egy felnőttet',
          paragraphs: [
            'A személy beleegyezésével vedd fel a kapcsolatot annak a településnek a szociális szolgálatával, ahol él vagy tartózkodik. Az ottani koordinátor elindíthatja a kilépési programot.',
          ],
          links: [{ to: 'find-help', label: 'Egy település szociális szolgálatának megkeresése' }],
        },
        {
          heading: 'Ha gyerekről van szó',
          paragraphs: [
            'Ha a munkád során azt gyanítod, hogy egy gyerek veszélyben van, azonnal tegyél jelzést a szociális szolgálatnál. A szociális szolgálat még aznap felméri, szüksége van-e a gyereknek védelemre.',
          ],
        },
        {
          heading: 'A programban dolgozol?',
          paragraphs: ['A munkatársak az oldal alján található linken jelentkeznek be.'],
        },
      ],
    },
  },
};
