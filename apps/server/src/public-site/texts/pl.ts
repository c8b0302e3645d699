import type { SiteTexts } from './types';

/** Polish, translated from sv.ts. */
export const pl: SiteTexts = {
  siteName: 'Utväg',
  skipToContent: 'Przejdź do treści',
  quickExit: 'Szybko opuść stronę',
  quickExitKeys: 'Możesz też trzy razy nacisnąć Esc albo Shift.',
  menuLabel: 'Strony',
  languagesLabel: 'Języki',
  nav: {
    home: 'Strona główna',
    rights: 'Twoje prawa',
    programs: 'Programy wsparcia',
    contact: 'Kontakt z nami',
    safety: 'Bezpieczeństwo w sieci',
    professionals: 'Dla specjalistów',
    mailbox: 'Napisz do nas',
    'find-help': 'Znajdź pomoc w pobliżu',
  },
  emergency: 'Grozi ci teraz niebezpieczeństwo? Zadzwoń pod 112.',
  footerPromise: 'Pomoc jest bezpłatna. Nie musisz podawać swojego imienia. Ta strona nie zapisuje plików cookie i cię nie śledzi.',
  staffLogin: 'Dla personelu: zaloguj się',
  notFound: {
    title: 'Ta strona nie istnieje',
    text: 'Nie możemy znaleźć strony, której szukasz. Adres może być błędny albo strona została przeniesiona.',
    home: 'Przejdź do strony głównej',
  },
  pages: {
    home: {
      title: 'Pomoc w wyjściu z prostytucji i wykorzystywania seksualnego',
      lead: 'Sprzedajesz seks albo ktoś cię do tego zmusza? Możesz dostać pomoc, żeby z tego wyjść. Pomoc jest bezpłatna, a ty decydujesz, ile opowiesz.',
      sections: [
        {
          heading: 'Jaka pomoc jest dostępna?',
          paragraphs: [
            'Gmina może wspierać cię w programie dopasowanym do ciebie. Dostajesz koordynatora, który czuwa nad całością, i plan, który tworzycie razem.',
          ],
          items: [
            'bezpieczne mieszkanie i ochrona',
            'opieka zdrowotna, rozmowy i wsparcie po traumie',
            'pieniądze na życie i pomoc w spłacie długów',
            'praca, nauka i kurs szwedzkiego',
            'wsparcie osoby, która sama z tego wyszła',
          ],
        },
        {
          heading: 'Bezpłatnie i poufnie',
          paragraphs: [
            'To nic nie kosztuje. Personel jest zobowiązany do zachowania tajemnicy. Nie musisz nikogo zgłaszać na policję, żeby dostać pomoc.',
            'Jeśli masz mniej niż 18 lat, masz prawo do ochrony. To nigdy nie jest twoja wina.',
          ],
        },
        {
          heading: 'Trzy sposoby, żeby się z nami skontaktować',
          items: [
            'Napisz do nas, nie mówiąc, kim jesteś. Dostaniesz kod i przeczytasz odpowiedź, kiedy ci będzie wygodnie.',
            'Zadzwoń na linię wsparcia i porozmawiaj z kimś.',
            'Znajdź pomoc w swojej gminie: opiekę społeczną, poradnie i organizacje.',
          ],
          links: [
            { to: 'mailbox', label: 'Napisz do nas' },
            { to: 'contact', label: 'Jak się z nami skontaktować' },
            { to: 'find-help', label: 'Znajdź pomoc w pobliżu' },
          ],
        },
      ],
    },
    rights: {
      title: 'Twoje prawa',
      lead: 'W Szwecji sprzedawanie seksu nie jest przestępstwem. Przestępstwo popełnia ten, kto kupuje seks. Masz prawo do pomocy.',
      sections: [
        {
          heading: 'Jeśli padłaś lub padłeś ofiarą przestępstwa',
          items: [
            'Możesz zgłosić to na policję, ale nie musisz, żeby dostać wsparcie.',
            'Jeśli zgłosisz, możesz dostać pełnomocnika pokrzywdzonego: prawnika, który ci pomaga i za którego nie płacisz.',
            'Możesz dostać wsparcie od opieki społecznej, służby zdrowia i organizacji społecznych, niezależnie od tego, czy zgłosisz.',
            'To, co mówisz opiece społecznej i służbie zdrowia, jest chronione tajemnicą.',
          ],
        },
        {
          heading: 'Jeśli nie masz szwedzkiego obywatelstwa',
          items: [
            'Możesz dostać pilną pomoc, opiekę zdrowotną, która nie może czekać, i ochronę, nawet bez zezwolenia na pobyt.',
            'Jeśli padłaś lub padłeś ofiarą handlu ludźmi, możesz dostać czas do namysłu i tymczasowe zezwolenie na pobyt. Każdą sprawę rozpatruje się osobno.',
            'Masz prawo do tłumacza. Tłumacz jest zobowiązany do zachowania tajemnicy.',
            'Jeśli chcesz wrócić do domu, możesz dostać pomoc w bezpiecznej podróży.',
          ],
        },
        {
          heading: 'Jeśli masz mniej niż 18 lat',
          items: [
            'Masz prawo do ochrony i pomocy od razu. Dotyczy to każdego dziecka w Szwecji.',
            'Kto kupuje seks od dziecka, popełnia poważne przestępstwo. To nigdy nie jest wina dziecka.',
            'Dorośli w szkole i w służbie zdrowia muszą powiadomić opiekę społeczną, jeśli myślą, że dzieje ci się krzywda. Chodzi o to, żebyś dostał lub dostała ochronę.',
            'Możesz anonimowo porozmawiać z Bris pod numerem 116 111.',
          ],
        },
      ],
    },
    programs: {
      title: 'Programy wsparcia',
      lead: 'Jest jeden program dla dorosłych i jeden dla dzieci. Oba opierają się na tym, czego potrzebujesz i czego chcesz.',
      sections: [
        {
          heading: 'Program wyjścia dla dorosłych',
          paragraphs: [
            'Program wyjścia jest dla ciebie, jeśli masz 18 lat lub więcej i sprzedajesz seks, robiłaś lub robiłeś to albo padłaś lub padłeś ofiarą handlu ludźmi.',
            'Dostajesz koordynatora w opiece społecznej. Koordynator zbiera osoby, które mogą ci pomóc, na przykład ze służby zdrowia, urzędu pracy i organizacji społecznej.',
            'Razem tworzycie plan. Plan może obowiązywać długo i zmieniacie go, gdy zmienia się twoje życie. Możesz dostać osobę wspierającą, która będzie z tobą przez całą drogę.',
          ],
          items: [
            'mieszkanie i ochrona',
            'opieka zdrowotna, leczenie traumy oraz testy na HIV i inne choroby przenoszone drogą płciową',
            'pieniądze na życie w tym czasie oraz porady dotyczące budżetu i długów',
            'nauka i praca',
          ],
        },
        {
          heading: 'Program dla dzieci',
          paragraphs: [
            'Program dla dzieci jest dla ciebie, jeśli masz mniej niż 18 lat i byłaś wykorzystywana lub byłeś wykorzystywany seksualnie, na przykład seks za pieniądze, rzeczy albo miejsce do spania.',
            'Najpierw opieka społeczna ocenia, czy potrzebujesz ochrony jeszcze tego samego dnia. Potem dostajesz dorosłą osobę, która będzie z tobą, i plan przygotowany dla ciebie.',
            'Możesz powiedzieć, co myślisz, i trzeba to traktować poważnie. Twoja rodzina bierze w tym udział, jeśli jest to dla ciebie bezpieczne.',
          ],
        },
        {
          heading: 'Ty decydujesz',
          paragraphs: [
            'Dla dorosłych udział jest dobrowolny. Możesz zacząć, kiedy będziesz gotowa lub gotowy, zrobić przerwę i wrócić.',
          ],
          links: [{ to: 'contact', label: 'Jak się z nami skontaktować' }],
        },
      ],
    },
    contact: {
      title: 'Kontakt z nami',
      lead: 'Wybierz sposób, który wydaje ci się najbezpieczniejszy. Nie musisz podawać swojego imienia.',
      sections: [
        {
          heading: 'Napisz do nas anonimowo',
          paragraphs: [
            'Napisz wiadomość bez imienia, numeru telefonu i adresu e-mail. Dostaniesz kod i kilka słów, które służą jako hasło. Zapisz je w bezpiecznym miejscu. Dzięki nim przeczytasz naszą odpowiedź i napiszesz ponownie.',
          ],
          links: [{ to: 'mailbox', label: 'Napisz wiadomość' }],
        },
        {
          heading: 'Zadzwoń na linię wsparcia',
          paragraphs: [
            'Na linii wsparcia możesz porozmawiać z kimś, kto dużo wie o seksie za pieniądze i handlu ludźmi. Możesz pozostać anonimowa lub anonimowy. Numer i godziny otwarcia znajdziesz w części Znajdź pomoc w pobliżu.',
          ],
        },
        {
          heading: 'Znajdź pomoc w pobliżu',
          paragraphs: [
            'Wybierz swoją gminę i zobacz, jaka pomoc jest tam dostępna: opieka społeczna, poradnie, organizacje społeczne i służba zdrowia.',
          ],
          links: [{ to: 'find-help', label: 'Znajdź pomoc w pobliżu' }],
        },
        {
          heading: 'Ważne numery',
          items: [
            '112: w nagłym wypadku, gdy tobie lub komuś innemu grozi niebezpieczeństwo.',
            '114 14: policja, gdy sprawa nie jest pilna.',
            '1177: porady dotyczące zdrowia i opieki, przez całą dobę.',
            '116 111: Bris, dla ciebie, jeśli masz mniej niż 18 lat.',
          ],
        },
      ],
    },
    safety: {
      title: 'Bezpieczeństwo w sieci i w telefonie',
      lead: 'Jeśli ktoś inny może zajrzeć do twojego telefonu lub komputera, są sposoby, żeby się chronić. Oto kilka rad.',
      sections: [
        {
          heading: 'Szybko opuść stronę',
          paragraphs: [
            'Przycisk Szybko opuść stronę jest na górze każdej strony. Zamiast niej otwiera stronę z pogodą. Możesz też trzy razy nacisnąć Esc albo Shift.',
          ],
        },
        {
          heading: 'Usuń ślady, nie budząc podejrzeń',
          items: [
            'Używaj okna prywatnego (incognito). Wtedy historia się nie zapisuje.',
            'Nie czyść całej historii, jeśli ktoś może zauważyć, że jest pusta. Usuń tylko wpisy dotyczące tej strony.',
            'Ta strona nie zapisuje plików cookie. Nie musisz niczego usuwać.',
            'Nie dodawaj tej strony do zakładek. Lepiej wpisz adres, kiedy go potrzebujesz.',
            'Jeśli jesteś zalogowana lub zalogowany na konto w przeglądarce, historia może zapisywać się także tam. Wyloguj się albo użyj okna prywatnego.',
          ],
        },
        {
          heading: 'Telefon, który kontroluje ktoś inny',
          items: [
            'Pamiętaj, że ktoś może widzieć, gdzie jesteś, twoje wiadomości i aplikacje, które masz.',
            'Pożycz telefon lub komputer od kogoś, komu ufasz, albo skorzystaj z komputera w bibliotece.',
            'Nie zapisuj kodu do skrzynki w telefonie pod nazwą, która zdradza, czym jest.',
          ],
        },
        {
          heading: 'Jeśli ktoś grozi, że rozpowszechni zdjęcia',
          paragraphs: [
            'Możesz dostać pomoc w usunięciu zdjęć i filmów z internetu. Powiedz nam o tym, a pomożemy ci dalej.',
          ],
        },
      ],
    },
    professionals: {
      title: 'Dla specjalistów',
      lead: 'Wiele osób wykorzystywanych nigdy o tym nie mówi, jeśli nikt nie zapyta. Jeśli spotykasz ludzi w pracy, możesz coś zmienić.',
      sections: [
        {
          heading: 'Jak pytać',
          items: [
            'Pytaj, gdy jesteście sami. Nie pozwól, żeby osoba towarzysząca tłumaczyła.',
            'Korzystaj z zawodowego tłumacza zobowiązanego do zachowania tajemnicy.',
            'Pytaj wprost i spokojnie, na przykład: Czy dostałaś lub dostałeś pieniądze, rzeczy albo coś innego w zamian za seks?',
            'Wyjaśnij, co stanie się z tym, co osoba ci powie, i jaka pomoc jest dostępna.',
            'Nie oceniaj. Dzisiejsze „nie” może później zmienić się w „tak”.',
          ],
        },
        {
          heading: 'Jak skierować osobę dorosłą',
          paragraphs: [
            'Za zgodą tej osoby skontaktuj się z opieką społeczną w gminie, w której mieszka lub przebywa. Koordynator na miejscu może rozpocząć program wyjścia.',
          ],
          links: [{ to: 'find-help', label: 'Znajdź opiekę społeczną w gminie' }],
        },
        {
          heading: 'Gdy chodzi o dziecko',
          paragraphs: [
            'Jeśli w pracy podejrzewasz, że dziecku dzieje się krzywda, od razu zgłoś swoje obawy opiece społecznej. Opieka społeczna jeszcze tego samego dnia ocenia, czy dziecko potrzebuje ochrony.',
          ],
        },
        {
          heading: 'Pracujesz w programie?',
          paragraphs: ['Personel loguje się przez link na dole strony.'],
        },
      ],
    },
  },
};
