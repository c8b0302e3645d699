import type { SiteTexts } from './types';

/** English, translated from sv.ts. */
export const en: SiteTexts = {
  siteName: 'Utväg',
  skipToContent: 'Skip to the content',
  quickExit: 'Leave this page fast',
  quickExitKeys: 'You can also press Esc or Shift three times.',
  menuLabel: 'Pages',
  languagesLabel: 'Languages',
  nav: {
    home: 'Home',
    rights: 'Your rights',
    programs: 'The support programs',
    contact: 'Contact us',
    safety: 'Staying safe online',
    professionals: 'For professionals',
    mailbox: 'Write to us',
    'find-help': 'Find help near you',
  },
  emergency: 'In danger right now? Call 112.',
  footerPromise: 'Help is free. You do not have to give your name. This site stores no cookies and does not track you.',
  staffLogin: 'For staff: log in',
  notFound: {
    title: 'This page does not exist',
    text: 'We cannot find the page you are looking for. The address may be wrong, or the page may have moved.',
    home: 'Go to the home page',
  },
  pages: {
    home: {
      title: 'Help to get out of prostitution and sexual exploitation',
      lead: 'Do you sell sex, or are you forced to? You can get help to get out. The help is free, and you decide how much you tell.',
      sections: [
        {
          heading: 'What help is there?',
          paragraphs: [
            'The municipality can support you in a program made for you. You get a coordinator who keeps everything together, and a plan you make together.',
          ],
          items: [
            'a safe place to live, and protection',
            'health care, someone to talk to and support after trauma',
            'money to live on, and help with debts',
            'work, studies and learning Swedish',
            'support from someone who has got out themselves',
          ],
        },
        {
          heading: 'Free and confidential',
          paragraphs: [
            'It costs nothing. The staff have a duty of confidentiality. You do not have to report anyone to the police to get help.',
            'If you are under 18, you have the right to protection. It is never your fault.',
          ],
        },
        {
          heading: 'Three ways to reach us',
          items: [
            'Write to us without saying who you are. You get a code and read the answer when it suits you.',
            'Call the support line and talk to someone.',
            'Find help in your municipality: social services, clinics and organisations.',
          ],
          links: [
            { to: 'mailbox', label: 'Write to us' },
            { to: 'contact', label: 'How to contact us' },
            { to: 'find-help', label: 'Find help near you' },
          ],
        },
      ],
    },
    rights: {
      title: 'Your rights',
      lead: 'In Sweden it is not a crime to sell sex. The person who buys sex commits a crime. You have the right to help.',
      sections: [
        {
          heading: 'If you have been the victim of a crime',
          items: [
            'You can report it to the police, but you do not have to in order to get support.',
            'If you report, you can get a counsel for the injured party: a lawyer who helps you, at no cost to you.',
            'You can get support from social services, health care and voluntary organisations whether or not you report.',
            'What you tell social services and health care is protected by confidentiality.',
          ],
        },
        {
          heading: 'If you are not a Swedish citizen',
          items: [
            'You can get emergency help, care that cannot wait, and protection even without a residence permit.',
            'If you have been a victim of human trafficking, you can get time to think and a temporary residence permit. Each case is decided on its own.',
            'You have the right to an interpreter. The interpreter has a duty of confidentiality.',
            'If you want to go home, you can get help to travel safely.',
          ],
        },
        {
          heading: 'If you are under 18',
          items: [
            'You have the right to protection and help straight away. This applies to every child in Sweden.',
            'Anyone who buys sex from a child commits a serious crime. It is never the child’s fault.',
            'Adults in schools and health care must tell social services if they think you are at risk. That is so you get protection.',
            'You can talk anonymously to Bris on 116 111.',
          ],
        },
      ],
    },
    programs: {
      title: 'The support programs',
      lead: 'There is one program for adults and one for children. Both are built on what you need and want.',
      sections: [
        {
          heading: 'The exit program for adults',
          paragraphs: [
            'The exit program is for you if you are 18 or older and sell sex, have done so, or have been a victim of human trafficking.',
            'You get a coordinator at social services. The coordinator brings together the people who can help you, for example from health care, the employment service and a voluntary organisation.',
            'Together you make a plan. The plan can last a long time, and you change it when your life changes. You can get a support person who follows you all the way.',
          ],
          items: [
            'housing and protection',
            'health care, trauma treatment and tests for HIV and other sexually transmitted infections',
            'money to live on in the meantime, and advice on budget and debts',
            'education and work',
          ],
        },
        {
          heading: 'The program for children',
          paragraphs: [
            'The program for children is for you if you are under 18 and have been sexually exploited, for example sex for money, things or a place to sleep.',
            'Social services first decide whether you need protection the same day. Then you get an adult who follows you and a plan made for you.',
            'You get to say what you think, and it must be taken seriously. Your family takes part if that is safe for you.',
          ],
        },
        {
          heading: 'You decide',
          paragraphs: [
            'For adults, taking part is voluntary. You can start when you are ready, take a break and come back.',
          ],
          links: [{ to: 'contact', label: 'How to get in touch with us' }],
        },
      ],
    },
    contact: {
      title: 'Contact us',
      lead: 'Choose the way that feels safest for you. You do not have to give your name.',
      sections: [
        {
          heading: 'Write to us anonymously',
          paragraphs: [
            'Write a message without a name, phone number or email. You get a code and a few words as a password. Keep them somewhere safe. With them you can read our answer and write again.',
          ],
          links: [{ to: 'mailbox', label: 'Write a message' }],
        },
        {
          heading: 'Call the support line',
          paragraphs: [
            'On the support line you can talk to someone who knows a lot about selling sex and human trafficking. You can stay anonymous. The number and opening hours are under Find help near you.',
          ],
        },
        {
          heading: 'Find help near you',
          paragraphs: [
            'Choose your municipality and see what help there is: social services, clinics, voluntary organisations and health care.',
          ],
          links: [{ to: 'find-help', label: 'Find help near you' }],
        },
        {
          heading: 'Important numbers',
          items: [
            '112: in an emergency, when you or someone else is in danger.',
            '114 14: the police, when it is not an emergency.',
            '1177: advice on health and care, day and night.',
            '116 111: Bris, for you if you are under 18.',
          ],
        },
      ],
    },
    safety: {
      title: 'Staying safe online and on your phone',
      lead: 'If someone else can see your phone or computer, there are ways to protect yourself. Here is some advice.',
      sections: [
        {
          heading: 'Leave this page fast',
          paragraphs: [
            'The Leave this page fast button is at the top of every page. It opens a weather page instead. You can also press Esc or Shift three times.',
          ],
        },
        {
          heading: 'Remove your traces without raising suspicion',
          items: [
            'Use a private (incognito) window. Then no history is saved.',
            'Do not clear all of your history if someone could notice that it is empty. Remove only the entries for this site.',
            'This site stores no cookies. You do not need to remove any.',
            'Do not bookmark this site. Type the address when you need it instead.',
            'If you are signed in to an account in the browser, your history may be saved there too. Sign out or use a private window.',
          ],
        },
        {
          heading: 'A phone someone else controls',
          items: [
            'Remember that someone may see where you are, your messages and which apps you have.',
            'Borrow a phone or computer from someone you trust, or use a computer at the library.',
            'Do not save the code for the mailbox on your phone under a name that shows what it is.',
          ],
        },
        {
          heading: 'If someone threatens to share pictures',
          paragraphs: [
            'You can get help to have pictures and videos removed from the internet. Tell us, and we will help you further.',
          ],
        },
      ],
    },
    professionals: {
      title: 'For professionals',
      lead: 'Many people who are exploited never tell anyone unless someone asks. If you meet people in your work, you can make a difference.',
      sections: [
        {
          heading: 'How to ask',
          items: [
            'Ask when you are alone together. Do not let a companion interpret.',
            'Use a professional interpreter who is bound by confidentiality.',
            'Ask directly and calmly, for example: Have you been given money, things or anything else in return for sex?',
            'Explain what will happen with what the person tells you, and what help there is.',
            'Do not judge. A no today can become a yes later.',
          ],
        },
        {
          heading: 'How to refer an adult',
          paragraphs: [
            'With the person’s consent, contact social services in the municipality where the person lives or is staying. The coordinator there can start the exit program.',
          ],
          links: [{ to: 'find-help', label: 'Find social services in a municipality' }],
        },
        {
          heading: 'When it concerns a child',
          paragraphs: [
            'If you suspect in your work that a child is at risk, make a report of concern to social services straight away. Social services decide the same day whether the child needs protection.',
          ],
        },
        {
          heading: 'Do you work in the program?',
          paragraphs: ['Staff log in through the link at the bottom of the page.'],
        },
      ],
    },
  },
};
