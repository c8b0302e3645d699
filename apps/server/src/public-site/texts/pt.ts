import type { SiteTexts } from './types';

/** Portuguese, translated from sv.ts. */
export const pt: SiteTexts = {
  siteName: 'Utväg',
  skipToContent: 'Ir diretamente para o conteúdo',
  quickExit: 'Sair rapidamente desta página',
  quickExitKeys: 'Também pode carregar em Esc ou Shift três vezes.',
  menuLabel: 'Páginas',
  languagesLabel: 'Idiomas',
  nav: {
    home: 'Início',
    rights: 'Os seus direitos',
    programs: 'Os programas de apoio',
    contact: 'Contacte-nos',
    safety: 'Segurança na internet',
    professionals: 'Para profissionais',
    mailbox: 'Escreva-nos',
    'find-help': 'Encontre ajuda perto de si',
  },
  emergency: 'Está em perigo agora? Ligue 112.',
  footerPromise: 'A ajuda é gratuita. Não precisa de dizer o seu nome. Este site não guarda cookies e não segue o que faz.',
  staffLogin: 'Para funcionários: iniciar sessão',
  notFound: {
    title: 'Esta página não existe',
    text: 'Não encontramos a página que procura. O endereço pode estar errado, ou a página pode ter mudado de lugar.',
    home: 'Ir para a página inicial',
  },
  pages: {
    home: {
      title: 'Ajuda para sair da prostituição e da exploração sexual',
      lead: 'Vende sexo, ou é obrigada ou obrigado a fazê-lo? Pode ter ajuda para sair. A ajuda é gratuita e é você quem decide quanto conta.',
      sections: [
        {
          heading: 'Que ajuda existe?',
          paragraphs: [
            'O município pode apoiá-la ou apoiá-lo num programa feito para si. Terá uma pessoa coordenadora que trata de tudo, e um plano que fazem em conjunto.',
          ],
          items: [
            'uma casa segura e proteção',
            'cuidados de saúde, alguém com quem falar e apoio depois de um trauma',
            'dinheiro para viver e ajuda com dívidas',
            'trabalho, estudos e aulas de sueco',
            'apoio de alguém que também conseguiu sair',
          ],
        },
        {
          heading: 'Gratuito e confidencial',
          paragraphs: [
            'Não custa nada. Os funcionários têm dever de sigilo. Não precisa de apresentar queixa à polícia para ter ajuda.',
            'Se tem menos de 18 anos, tem direito a proteção. A culpa nunca é sua.',
          ],
        },
        {
          heading: 'Três maneiras de chegar até nós',
          items: [
            'Escreva-nos sem dizer quem é. Recebe um código e lê a resposta quando lhe for conveniente.',
            'Ligue para a linha de apoio e fale com alguém.',
            'Encontre ajuda no seu município: serviços sociais, centros de atendimento e organizações.',
          ],
          links: [
            { to: 'mailbox', label: 'Escreva-nos' },
            { to: 'contact', label: 'Como nos contactar' },
            { to: 'find-help', label: 'Encontre ajuda perto de si' },
          ],
        },
      ],
    },
    rights: {
      title: 'Os seus direitos',
      lead: 'Na Suécia, vender sexo não é crime. Quem compra sexo comete um crime. Tem direito a ajuda.',
      sections: [
        {
          heading: 'Se foi vítima de um crime',
          items: [
            'Pode apresentar queixa à polícia, mas não é obrigatório para ter apoio.',
            'Se apresentar queixa, pode ter um advogado da vítima que a ou o ajuda, sem custos para si.',
            'Pode ter apoio dos serviços sociais, dos serviços de saúde e de organizações sem fins lucrativos, quer apresente queixa ou não.',
            'O que conta aos serviços sociais e aos serviços de saúde está protegido pelo sigilo.',
          ],
        },
        {
          heading: 'Se não tem cidadania sueca',
          items: [
            'Pode ter ajuda urgente, os cuidados de saúde que não podem esperar e proteção, mesmo sem autorização de residência.',
            'Se foi vítima de tráfico de seres humanos, pode ter tempo para pensar e uma autorização de residência temporária. Cada caso é decidido individualmente.',
            'Tem direito a um intérprete. O intérprete tem dever de sigilo.',
            'Se quiser voltar para casa, pode ter ajuda para viajar em segurança.',
          ],
        },
        {
          heading: 'Se tem menos de 18 anos',
          items: [
            'Tem direito a proteção e ajuda imediata. Isto vale para todas as crianças na Suécia.',
            'Quem compra sexo a uma criança comete um crime grave. A culpa nunca é da criança.',
            'Os adultos na escola e nos serviços de saúde têm de informar os serviços sociais se acharem que está em risco. É para que tenha proteção.',
            'Pode falar de forma anónima com a Bris pelo 116 111.',
          ],
        },
      ],
    },
    programs: {
      title: 'Os programas de apoio',
      lead: 'Há um programa para adultos e outro para crianças. Os dois partem daquilo de que precisa e daquilo que quer.',
      sections: [
        {
          heading: 'O programa de saída para adultos',
          paragraphs: [
            'O programa de saída é para si se tem 18 anos ou mais e vende sexo, já vendeu, ou foi vítima de tráfico de seres humanos.',
            'Terá uma pessoa coordenadora nos serviços sociais. Ela reúne as pessoas que a ou o podem ajudar, por exemplo dos serviços de saúde, do serviço de emprego e de uma organização sem fins lucrativos.',
            'Juntos fazem um plano. O plano pode durar muito tempo, e mudam-no quando a sua vida muda. Pode ter uma pessoa de apoio que a ou o acompanha todo o caminho.',
          ],
          items: [
            'casa e proteção',
            'cuidados de saúde, tratamento do trauma e testes ao VIH e a outras infeções sexualmente transmissíveis',
            'dinheiro para viver entretanto, e conselhos sobre orçamento e dívidas',
            'estudos e trabalho',
          ],
        },
        {
          heading: 'O programa para crianças',
          paragraphs: [
            'O programa para crianças é para si se tem menos de 18 anos e foi vítima de exploração sexual, por exemplo sexo em troca de dinheiro, coisas ou um sítio para dormir.',
            'Primeiro, os serviços sociais avaliam se precisa de proteção no mesmo dia. Depois terá um adulto que a ou o acompanha e um plano feito para si.',
            'Pode dizer o que pensa, e isso tem de ser levado a sério. A sua família participa se for seguro para si.',
          ],
        },
        {
          heading: 'É você quem decide',
          paragraphs: [
            'Para os adultos, participar é voluntário. Pode começar quando estiver pronta ou pronto, fazer uma pausa e voltar.',
          ],
          links: [{ to: 'contact', label: 'Como entrar em contacto connosco' }],
        },
      ],
    },
    contact: {
      title: 'Contacte-nos',
      lead: 'Escolha a maneira que lhe parecer mais segura. Não precisa de dizer o seu nome.',
      sections: [
        {
          heading: 'Escreva-nos de forma anónima',
          paragraphs: [
            'Escreva uma mensagem sem nome, número de telefone ou e-mail. Recebe um código e algumas palavras que servem de palavra-passe. Guarde-os num lugar seguro. Com eles pode ler a nossa resposta e voltar a escrever.',
          ],
          links: [{ to: 'mailbox', label: 'Escrever uma mensagem' }],
        },
        {
          heading: 'Ligue para a linha de apoio',
          paragraphs: [
            'Na linha de apoio pode falar com alguém que sabe muito sobre sexo em troca de dinheiro e tráfico de seres humanos. Pode ficar anónima ou anónimo. O número e o horário estão em Encontre ajuda perto de si.',
          ],
        },
        {
          heading: 'Encontre ajuda perto de si',
          paragraphs: [
            'Escolha o seu município e veja que ajuda existe: serviços sociais, centros de atendimento, organizações sem fins lucrativos e serviços de saúde.',
          ],
          links: [{ to: 'find-help', label: 'Encontre ajuda perto de si' }],
        },
        {
          heading: 'Números importantes',
          items: [
            '112: numa emergência, quando você ou outra pessoa está em perigo.',
            '114 14: a polícia, quando não é uma emergência.',
            '1177: conselhos sobre saúde e cuidados, dia e noite.',
            '116 111: Bris, para si se tem menos de 18 anos.',
          ],
        },
      ],
    },
    safety: {
      title: 'Segurança na internet e no telemóvel',
      lead: 'Se outra pessoa pode ver o seu telemóvel ou computador, há maneiras de se proteger. Aqui ficam alguns conselhos.',
      sections: [
        {
          heading: 'Sair rapidamente desta página',
          paragraphs: [
            'O botão Sair rapidamente desta página está no topo de todas as páginas. Abre, em vez disso, uma página de meteorologia. Também pode carregar em Esc ou Shift três vezes.',
          ],
        },
        {
          heading: 'Apague os seus rastos sem levantar suspeitas',
          items: [
            'Use uma janela privada (anónima). Assim, o histórico não é guardado.',
            'Não apague o histórico todo se alguém puder notar que está vazio. Apague só as linhas deste site.',
            'Este site não guarda cookies. Não precisa de apagar nenhum.',
            'Não guarde este site nos favoritos. É melhor escrever o endereço quando precisar.',
            'Se tem sessão iniciada numa conta no navegador, o histórico também pode ficar guardado lá. Termine a sessão ou use uma janela privada.',
          ],
        },
        {
          heading: 'Um telemóvel controlado por outra pessoa',
          items: [
            'Lembre-se de que alguém pode ver onde está, as suas mensagens e as aplicações que tem.',
            'Peça emprestado um telemóvel ou computador a alguém em quem confia, ou use um computador da biblioteca.',
            'Não guarde o código da caixa de correio no telemóvel com um nome que mostre o que é.',
          ],
        },
        {
          heading: 'Se alguém ameaça espalhar imagens',
          paragraphs: [
            'Pode ter ajuda para retirar fotografias e vídeos da internet. Conte-nos e nós ajudamos.',
          ],
        },
      ],
    },
    professionals: {
      title: 'Para profissionais',
      lead: 'Muitas pessoas exploradas nunca contam nada se ninguém lhes perguntar. Se encontra pessoas no seu trabalho, pode fazer a diferença.',
      sections: [
        {
          heading: 'Como perguntar',
          items: [
            'Pergunte quando estiverem a sós. Não deixe que um acompanhante faça de intérprete.',
            'Use um intérprete profissional com dever de sigilo.',
            'Pergunte de forma direta e calma, por exemplo: Já lhe deram dinheiro, coisas ou outra coisa em troca de sexo?',
            'Explique o que acontece com o que a pessoa lhe contar, e que ajuda existe.',
            'Não julgue. Um não hoje pode ser um sim mais tarde.',
          ],
        },
        {
          heading: 'Como encaminhar um adulto',
          paragraphs: [
            'Com o consentimento da pessoa, contacte os serviços sociais do município onde ela vive ou está. A pessoa coordenadora de lá pode iniciar o programa de saída.',
          ],
          links: [{ to: 'find-help', label: 'Encontrar os serviços sociais de um município' }],
        },
        {
          heading: 'Quando se trata de uma criança',
          paragraphs: [
            'Se no seu trabalho suspeitar que uma criança está em risco, comunique de imediato a sua preocupação aos serviços sociais. Os serviços sociais avaliam no mesmo dia se a criança precisa de proteção.',
          ],
        },
        {
          heading: 'Trabalha no programa?',
          paragraphs: ['Os funcionários iniciam sessão através da ligação no fundo da página.'],
        },
      ],
    },
  },
};
