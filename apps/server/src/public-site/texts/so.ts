import type { SiteTexts } from './types';

/** Somali, translated from sv.ts. */
export const so: SiteTexts = {
  siteName: 'Utväg',
  skipToContent: 'Si toos ah u tag qoraalka',
  quickExit: 'Ka bax boggan si degdeg ah',
  quickExitKeys: 'Waxaad sidoo kale riixi kartaa Esc ama Shift saddex jeer.',
  menuLabel: 'Bogagga',
  languagesLabel: 'Luqadaha',
  nav: {
    home: 'Bogga hore',
    rights: 'Xuquuqdaada',
    programs: 'Barnaamijyada taageerada',
    contact: 'Nala soo xiriir',
    safety: 'Badbaadada internetka',
    professionals: 'Xirfadlayaasha',
    mailbox: 'Noo soo qor',
    'find-help': 'Ka hel caawimaad meel kuu dhow',
  },
  emergency: 'Ma hadda ayaad khatar ku jirtaa? Wac 112.',
  footerPromise: 'Caawimaaddu waa lacag la’aan. Uma baahnid inaad magacaaga sheegto. Boggani ma kaydiyo cookies mana ku raad-raaco.',
  staffLogin: 'Shaqaalaha: gal',
  notFound: {
    title: 'Boggan ma jiro',
    text: 'Ma helin bogga aad raadinayso. Cinwaanku waa laga yaabaa inuu khaldan yahay, ama boggu wuu guuray.',
    home: 'Tag bogga hore',
  },
  pages: {
    home: {
      title: 'Caawimaad looga baxo dhillaysiga iyo ka faa’iidaysiga galmada',
      lead: 'Ma iibisaa galmo, mise waa lagugu qasbaa? Waxaad heli kartaa caawimaad aad kaga baxdo. Caawimaaddu waa lacag la’aan, adiguna waxaad go’aansanaysaa inta aad sheegayso.',
      sections: [
        {
          heading: 'Caawimaaddee ayaa jirta?',
          paragraphs: [
            'Degmadu (kommun) waxay kugu taageeri kartaa barnaamij adiga laguu sameeyay. Waxaad heleysaa isku-duwe wax walba isku haya, iyo qorshe aad wada samaysaan.',
          ],
          items: [
            'hoy ammaan ah iyo ilaalin',
            'daryeel caafimaad, qof aad la hadasho iyo taageero ka dib dhaawac nafsi ah',
            'lacag aad ku noolaato iyo caawimaad deymaha',
            'shaqo, waxbarasho iyo barashada luqadda iswiidhishka',
            'taageero qof isagu ka soo baxay',
          ],
        },
        {
          heading: 'Lacag la’aan iyo qarsoodi',
          paragraphs: [
            'Waxba kaa kuma baxayaan. Shaqaaluhu waxay leeyihiin waajibka sir-haynta. Uma baahnid inaad qof booliska u gudbiso si aad caawimaad u hesho.',
            'Haddii aad ka yar tahay 18 sano, waxaad xaq u leedahay ilaalin. Weligeed ma aha qaladkaaga.',
          ],
        },
        {
          heading: 'Saddex siyaabood oo aad nagu soo gaari karto',
          items: [
            'Noo soo qor adigoon sheegin cidda aad tahay. Waxaad heleysaa koodh, jawaabtana waxaad akhrin doontaa markay kuu habboon tahay.',
            'Wac khadka taageerada oo qof la hadal.',
            'Ka hel caawimaad degmadaada: adeegga bulshada, xarumaha caafimaadka iyo ururrada.',
          ],
          links: [
            { to: 'mailbox', label: 'Noo soo qor' },
            { to: 'contact', label: 'Sida aad noola soo xiriiri karto' },
            { to: 'find-help', label: 'Ka hel caawimaad meel kuu dhow' },
          ],
        },
      ],
    },
    rights: {
      title: 'Xuquuqdaada',
      lead: 'Iswiidhan, iibinta galmadu ma aha dembi. Qofka galmada iibsadaa ayaa dembi gala. Waxaad xaq u leedahay caawimaad.',
      sections: [
        {
          heading: 'Haddii lagugu galay dembi',
          items: [
            'Waad u sheegi kartaa booliska, laakiin looma baahna si aad taageero u hesho.',
            'Haddii aad warbixin gudbiso, waxaa laguu qabsan karaa qareen dhibbanaha ah oo ku caawiya, adigoon waxba bixin.',
            'Waxaad taageero ka heli kartaa adeegga bulshada, daryeelka caafimaadka iyo ururrada samafalka, ha gudbiso ama ha gudbin.',
            'Waxa aad u sheegto adeegga bulshada iyo daryeelka caafimaadka waxaa ilaaliya sir-hayn.',
          ],
        },
        {
          heading: 'Haddii aadan ahayn muwaadin Iswiidhish ah',
          items: [
            'Waxaad heli kartaa caawimaad degdeg ah, daryeel caafimaad oo aan sugi karin iyo ilaalin, xataa adigoon haysan sharciga deganaanshaha.',
            'Haddii aad dhibbane u tahay ka ganacsiga dadka, waxaa laga yaabaa inaad hesho waqti aad ka fikirto iyo sharci deganaansho oo ku meel gaar ah. Qof kasta si gaar ah ayaa loo eegaa.',
            'Waxaad xaq u leedahay turjubaan. Turjubaanku wuxuu leeyahay waajibka sir-haynta.',
            'Haddii aad rabto inaad dalkaaga ku noqoto, waxaad heli kartaa caawimaad aad si ammaan ah ugu safarto.',
          ],
        },
        {
          heading: 'Haddii aad ka yar tahay 18 sano',
          items: [
            'Waxaad xaq u leedahay ilaalin iyo caawimaad isla markiiba. Tani waxay khusaysaa ilmo kasta oo Iswiidhan jooga.',
            'Qofka galmo ka iibsada ilmo wuxuu galaa dembi culus. Weligeed ma aha qaladka ilmaha.',
            'Dadka waaweyn ee dugsiga iyo daryeelka caafimaadka waa inay u sheegaan adeegga bulshada haddii ay u malaynayaan inaad khatar ku jirto. Taasi waa si lagu ilaaliyo.',
            'Waxaad si qarsoodi ah ula hadli kartaa Bris lambarka 116 111.',
          ],
        },
      ],
    },
    programs: {
      title: 'Barnaamijyada taageerada',
      lead: 'Waxaa jira barnaamij dadka waaweyn iyo mid carruurta. Labaduba waxay ku dhisan yihiin waxa aad u baahan tahay iyo waxa aad rabto.',
      sections: [
        {
          heading: 'Barnaamijka ka bixidda ee dadka waaweyn',
          paragraphs: [
            'Barnaamijka ka bixiddu waa adiga haddii aad tahay 18 sano ama ka weyn oo aad iibiso galmo, aad hore u iibin jirtay, ama aad dhibbane u tahay ka ganacsiga dadka.',
            'Waxaad heleysaa isku-duwe ka tirsan adeegga bulshada. Isku-duwuhu wuxuu isu keenaa dadka ku caawin kara, tusaale ahaan daryeelka caafimaadka, xafiiska shaqada iyo urur samafal.',
            'Waxaad wada samaysaan qorshe. Qorshuhu wuxuu socon karaa muddo dheer, waanad beddeshaan markuu noloshaadu is beddelo. Waxaad heli kartaa qof taageere ah oo kula socda jidka oo dhan.',
          ],
          items: [
            'hoy iyo ilaalin',
            'daryeel caafimaad, daaweynta dhaawaca nafsiga ah iyo baaritaanka HIV iyo cudurrada kale ee galmada lagu kala qaado',
            'lacag aad ku noolaato muddadan, iyo talo ku saabsan miisaaniyadda iyo deymaha',
            'waxbarasho iyo shaqo',
          ],
        },
        {
          heading: 'Barnaamijka carruurta',
          paragraphs: [
            'Barnaamijka carruurtu waa adiga haddii aad ka yar tahay 18 sano oo lagaa faa’iidaystay xagga galmada, tusaale ahaan galmo lagu beddelay lacag, alaab ama meel aad seexato.',
            'Marka hore adeegga bulshadu wuxuu qiimeeyaa inaad u baahan tahay ilaalin isla maalintaas. Kadib waxaad heleysaa qof weyn oo kula socda iyo qorshe laguu sameeyay.',
            'Waxaad sheegi kartaa waxa aad ka fikirayso, waana in si dhab ah loo qaataa. Qoyskaagu wuu ka qayb galaa haddii ay adiga kuu ammaan tahay.',
          ],
        },
        {
          heading: 'Adiga ayaa go’aansanaya',
          paragraphs: [
            'Dadka waaweyn, ka qayb galku waa ikhtiyaar. Waxaad bilaabi kartaa markaad diyaar tahay, nasasho qaadan kartaa, kadibna soo noqon kartaa.',
          ],
          links: [{ to: 'contact', label: 'Sida aad noola soo xiriiri karto' }],
        },
      ],
    },
    contact: {
      title: 'Nala soo xiriir',
      lead: 'Dooro habka kuugu ammaansan. Uma baahnid inaad magacaaga sheegto.',
      sections: [
        {
          heading: 'Noo soo qor adigoon magacaaga sheegin',
          paragraphs: [
            'Qor fariin aan magac, lambar telefoon ama iimayl lahayn. Waxaad heleysaa koodh iyo dhowr eray oo ah furahaaga sirta ah. Ku kaydi meel ammaan ah. Iyaga ayaad ku akhrin kartaa jawaabtayada oo aad mar kale ku soo qori kartaa.',
          ],
          links: [{ to: 'mailbox', label: 'Qor fariin' }],
        },
        {
          heading: 'Wac khadka taageerada',
          paragraphs: [
            'Khadka taageerada waxaad kula hadli kartaa qof wax badan ka yaqaan galmada lacagta lagu bixiyo iyo ka ganacsiga dadka. Waad qarsoonaan kartaa. Lambarka iyo saacadaha furan waxay ku qoran yihiin qaybta Ka hel caawimaad meel kuu dhow.',
          ],
        },
        {
          heading: 'Ka hel caawimaad meel kuu dhow',
          paragraphs: [
            'Dooro degmadaada oo eeg caawimaadda halkaas ka jirta: adeegga bulshada, xarumaha caafimaadka, ururrada samafalka iyo daryeelka caafimaadka.',
          ],
          links: [{ to: 'find-help', label: 'Ka hel caawimaad meel kuu dhow' }],
        },
        {
          heading: 'Lambarro muhiim ah',
          items: [
            '112: xaalad degdeg ah, marka adiga ama qof kale khatar ku jiraan.',
            '114 14: booliska, marka aysan degdeg ahayn.',
            '1177: talo ku saabsan caafimaadka iyo daryeelka, habeen iyo maalin.',
            '116 111: Bris, adiga haddii aad ka yar tahay 18 sano.',
          ],
        },
      ],
    },
    safety: {
      title: 'Badbaadada internetka iyo telefoonka',
      lead: 'Haddii qof kale arki karo telefoonkaaga ama kombiyuutarkaaga, waxaa jira siyaabo aad isku ilaaliso. Waa kuwan talooyin.',
      sections: [
        {
          heading: 'Ka bax boggan si degdeg ah',
          paragraphs: [
            'Badhanka Ka bax boggan si degdeg ah wuxuu ku yaal bog kasta korkiisa. Wuxuu furaa bog cimilada ah. Waxaad sidoo kale riixi kartaa Esc ama Shift saddex jeer.',
          ],
        },
        {
          heading: 'Tirtir raadadkaaga adigoon shaki abuurin',
          items: [
            'Isticmaal daaqad gaar ah (incognito). Markaas taariikhda lama kaydiyo.',
            'Ha tirtirin taariikhda oo dhan haddii qof ogaan karo inay madhan tahay. Kaliya tirtir safafka boggan.',
            'Boggani ma kaydiyo cookies. Uma baahnid inaad wax tirtirto.',
            'Ha ku kaydin boggan calaamadaha (bookmark). Waxaa fiican inaad cinwaanka qorto markaad u baahato.',
            'Haddii aad biraawsarka ku gashay akoon, taariikhdu halkaas ayay ku kaydsami kartaa. Ka bax akoonka ama isticmaal daaqad gaar ah.',
          ],
        },
        {
          heading: 'Telefoon uu qof kale maamulo',
          items: [
            'Xusuuso in qof arki karo meesha aad joogto, fariimahaaga iyo barnaamijyada aad haysato.',
            'Telefoon ama kombiyuutar ka amaaho qof aad aaminto, ama isticmaal kombiyuutarka maktabadda.',
            'Ha ku kaydin koodhka sanduuqa fariimaha telefoonka magac muujinaya waxa uu yahay.',
          ],
        },
        {
          heading: 'Haddii qof ku hanjabo inuu faafinayo sawirro',
          paragraphs: [
            'Waxaad heli kartaa caawimaad si sawirrada iyo muuqaallada looga saaro internetka. Noo sheeg, waanu ku caawin doonnaa.',
          ],
        },
      ],
    },
    professionals: {
      title: 'Xirfadlayaasha',
      lead: 'Dad badan oo laga faa’iidaystay weligood ma sheegaan haddii aan la weydiin. Haddii aad shaqadaada dad kula kulanto, isbeddel ayaad samayn kartaa.',
      sections: [
        {
          heading: 'Sida loo weydiiyo',
          items: [
            'Weydii markaad kaligiin tihiin. Ha u oggolaan qof la socda inuu turjumo.',
            'Isticmaal turjubaan xirfadle ah oo leh waajibka sir-haynta.',
            'Si toos ah oo deggan u weydii, tusaale ahaan: Ma lagu siiyay lacag, alaab ama wax kale oo galmo lagu beddelay?',
            'Sharax waxa ku dhici doona waxa qofku kuu sheego, iyo caawimaadda jirta.',
            'Ha xukumin. Maya maanta waxay noqon kartaa haa goor dambe.',
          ],
        },
        {
          heading: 'Sida qof weyn loogu gudbiyo',
          paragraphs: [
            'Haddii qofku oggolaado, la xiriir adeegga bulshada ee degmada uu ku nool yahay ama uu joogo. Isku-duwaha halkaas jooga ayaa bilaabi kara barnaamijka ka bixidda.',
          ],
          links: [{ to: 'find-help', label: 'Raadi adeegga bulshada ee degmo' }],
        },
        {
          heading: 'Marka ay khusayso ilmo',
          paragraphs: [
            'Haddii shaqadaada aad ka shakido in ilmo khatar ku jiro, isla markiiba u gudbi adeegga bulshada warbixin walaac. Adeegga bulshadu isla maalintaas ayuu qiimeeyaa in ilmuhu u baahan yahay ilaalin.',
          ],
        },
        {
          heading: 'Ma ka shaqaysaa barnaamijka?',
          paragraphs: ['Shaqaaluhu waxay ku galaan xiriiriyaha bogga hoostiisa.'],
        },
      ],
    },
  },
};
