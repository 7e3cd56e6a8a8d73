// The meeting checklist (mødetjekliste) in the seed's own words (seed 001; meeting roles from seed 003).
import { BOT_MENTION } from './commandHint';

export const checklistDa = {
  // One numbering, in the order the card shows them: 2 to 6 are the form's own (seed 001); the meeting's
  // roles belong with its section 1 (the meeting itself), and the young person's status comes last.
  sections: {
    roles: '1: Mødets roller',
    preparation: '2: Forberedelse til netværksmødet',
    vip: '3: VIP – En voksen fra den unges netværk',
    agenda: '4: Forslag til dagsorden',
    attendance: '5: Hvem deltog på mødet?',
    evaluation: '6: Afholdelse af selve netværksmødet',
    status: '7: Den unges status ved mødet',
  },
  questions: {
    roleLeader: 'Mødeleder',
    roleWriter: 'Referent (skribent)',
    roleInterviewer: 'Interviewer',
    prepHandoverSent: 'Er der udarbejdet et overleveringsskema, som er sendt til deltagerne?',
    prepPreMeeting: 'Har myndighedskoordinator og den unge afholdt et formøde?',
    prepFollowedUpPlan:
      'Har myndighedskoordinator og den unge brugt/fulgt op på handleplanen fra forrige netværksmøder i forberedelsen til dette netværksmøde?',
    prepNetworkMapMade: 'Er der udarbejdet et netværkskort (eller andet lign. redskab) sammen med den unge?',
    prepNetworkMapUsed: 'Blev netværkskortet (eller andet lign. redskab) anvendt i forberedelse til netværksmødet?',
    vipAttached: 'Har den unge tilknyttet en VIP?',
    vipMemberId: 'Hvem er den unges VIP? (vælg blandt teamets medlemmer)',
    vipSource: 'Angiv, hvor den unges VIP kommer fra',
    agenda1: '1. Velkomst',
    agenda2: '2. Deltager-præsentation',
    agenda3: '3. Drøftelse af den unges situation, behov og mål',
    agenda4: '4. Beslutninger og fælles handlinger opsummeres',
    agenda5: '5. Mål- og aftaleskemaet tages i brug',
    agenda6: '6. Aftaler fremover',
    agenda7: '7. Kort evaluering af mødet',
    evalResources: 'Afdækkede teamet i fællesskab den unges ressourcer i forhold til uddannelse og beskæftigelse?',
    evalChallenges: 'Afdækkede teamet i fællesskab den unges udfordringer i forhold til uddannelse og beskæftigelse?',
    evalNeeds: 'Afdækkede teamet i fællesskab den unges behov i forhold til uddannelse og beskæftigelse?',
    evalClearGoals:
      'Blev der opstillet tydelige mål for den unges uddannelse og beskæftigelse, samt de indsatser, der skal til for at nå målene i handleplanen (§104/§141)?',
    evalResponsibles: 'Blev det aftalt, hvem der er ansvarlig, og hvem der skal gøre hvad, i forhold til at nå målene i handleplanen (§140/§141)',
    evalYoungPersonSpoke: 'Havde den unge ordet og bidrog aktivt?',
    evalYoungPersonKnowsFollowUp: 'Har den unge viden om, hvad der skal ske som opfølgning på mødet?',
    evalWentWell: 'Blev mødet godt afviklet?',
    evalAgendaCompleted: 'Nåede I alle punkterne i dagsorden?',
    evalLengthMinutes: 'Hvor lang tid varede selve mødet? (minutter)',
    youngPersonStatus: 'Er den unge i uddannelse, i beskæftigelse eller ingen af delene?',
  } as Record<string, string>,
  /** Answers to questions asked otherwise now (checklist.ts: RETIRED_QUESTIONS), shown as they were given. */
  retired: {
    vipWho: 'VIP, skrevet som tekst (før VIP\'en blev valgt blandt teamets medlemmer)',
    attendanceOthers: 'Øvrige deltagere, skrevet som én tekst',
  } as Record<string, string>,
  noVipMember:
    `Der er ingen med rollen "Den unges voksen (VIP)" i teamet. Myndighedskoordinatoren tilføjer den unges VIP på teamkortet (skriv "${BOT_MENTION} team"); så kan personen vælges her.`,
  /** The whole guidance of each agenda point, line by line, as seed 001 has it. */
  agendaGuidance: {
    agenda1: [
      'Myndighedskoordinatoren starter med at byde velkommen og fortælle, hvorfor mødet holdes, med henvisning til forberedelsen sammen med den unge. Herunder fremhæves:',
      '· Formålet med mødet',
      '· Dagsordenen for mødet',
      '· Mødets proces, herunder tidsramme, mødelederens rolle og forventning til deltagernes aktive bidrag',
      '· Spilleregler for mødet aftales: Dels de generelle spilleregler for samarbejdsmodelsmødet, og dels særlige spilleregler, der er aftalt med den unge – fx at man ikke må afbryde hinanden, eller at den unge skal have en pause hver halve time',
      '· Valg af referent, hvis ikke dette er gjort inden mødet.',
    ],
    agenda2: [
      'Deltagerne præsenterer sig hver især ud fra følgende spørgsmål:',
      '· Hvilken faglig opgave har jeg?',
      '· Hvad er min relation til den unge?',
      '· Kort om, hvad der er vigtigt, at vi får talt om i dag, set fra mit perspektiv.',
    ],
    agenda3: [
      'Ved denne del af mødet drøftes de emner, som den unge og myndighedskoordinatoren har aftalt skal være i fokus på mødet. Ved hvert emne er proceduren som følger:',
      'Myndighedskoordinatoren eller den unge fortæller om emnet, og den unges behov og ønsker i relation til emnet. Koordinatoren kan støtte den unges deltagelse på mødet ved at spørge:',
      '· Hvad er især vigtigt for dig, at vi andre forstår omkring dette emne?',
      '· Hvad håber du på, at vi finder frem til i dag?',
      '· Hvordan vil en god løsning se ud for dig?',
      '· Er der noget, du vil bede os om at tage hensyn til?',
      'Myndighedskoordinatoren kan supplere ved, efter aftale med den unge, at referere dét, den unge har nævnt under forberedelsen.',
      'De deltagende fagpersoner får nu ordet. Dialogen kan struktureres ved, at den enkelte deltager fortæller én ad gangen, og myndighedskoordinatoren stiller spørgsmål:',
      '· Hvad du har hørt, den unge er optaget af?',
      '· Hvilke tanker gør du dig om dette?',
      '· Hvilke konkrete idéer får du til, hvordan vi kan hjælpe den unge?',
      'De øvrige deltagere opfordres til at tage noter til dét, de hører, og de idéer, der opstår undervejs. Myndighedskoordinatoren skriver stikord på flipover eller PowerPoint.',
      'Den unge får ordet igen. Koordinatoren spørger den unge, hvordan det har været at lytte til de andres idéer, og hvad han eller hun især er blevet glad for at høre, og hvad der eventuelt er misforstået, eller den unge ikke er enig i.',
      '· Fælles udvikling af løsninger: Efter, at alle er blevet hørt, begynder den fælles udvikling af løsninger. Myndighedskoordinatoren spørger deltagerne og den unge: Når vi ser på det billede, der nu tegner sig af den unges situation, hvad vil det så helt konkret være mest hensigtsmæssigt at gøre for, at den unge kommer godt i gang med uddannelse eller beskæftigelse?',
      '· De konkrete idéer tales igennem, og sammen med den unge drøftes det, hvilke beslutninger der skal træffes.',
    ],
    agenda4: [
      'Myndighedskoordinatoren opsummerer mødets indhold og forslag til beslutninger på flipover eller PowerPoint. Herefter tages en runde, hvor hver mødedeltager byder ind med, hvordan de vil handle på det, de har hørt.',
    ],
    agenda5: [
      'Enighed om mål, handlinger og aftaler noteres i mål- og aftaleskemaet, herunder hvad fokus skal være, indtil man mødes igen.',
      'Referenten noterer direkte i skemaet, eventuelt ved at vise skemaet på en væg via en projektor.',
      'Det skal tydeligt fremgå i mål- og aftaleskemaet, hvem der gør hvad.',
      'Hvis der er tale om aftaler, som kræver, at andre, fx et visitationsudvalg, skal træffe beslutning herom, skal dette understreges over for deltagerne, og særligt for den unge og eventuel deltager fra den unges private netværk. Det vil sige, at målene, handlingerne og aftalerne i mål- og aftaleskemaet i den forbindelse skal opfattes som en indstilling til beslutning om specifikke indsatser.',
      'I botten: sæt kryds ved "Indstilling" på en sådan aftale i mål- og aftaleskemaet.',
    ],
    agenda6: [
      'Tidspunkt for næste samarbejdsmodelsmøde aftales. Derudover aftales det, hvornår myndighedskoordinatoren modtager feedback fra de andre deltagere på de opgaver, de har påtaget sig.',
    ],
    agenda7: [
      'Ved afslutning af mødet gennemføres en kort evaluering af mødet, hvor alle, både fagpersoner og den unge, taler om:',
      '· Hvordan har mødets form og proces fungeret?',
      '· Hvordan har mødet fungeret ift. indholdet – dvs. de emner, der blev drøftet, og de beslutninger, der er blevet truffet?',
    ],
  } as Record<string, string[]>,
  answers: {
    yes: 'Ja',
    no: 'Nej',
    unknown: 'Ved ikke',
    private: 'Den unges private netværk (fx forældre, bedsteforældre, ven, fodboldtræner)',
    professional: 'Den unges professionelle netværk (fx primære kontaktperson, lærer)',
    done: 'Gennemgået',
  },
  attended: (role: string, name: string) => `${role}: ${name}`,
  /** The two parts of section 5's table. */
  attendanceGroups: { team: 'Tværfagligt team', others: 'Øvrige deltagere' },
  absenceReason: 'Hvis nej, hvorfor ikke?',
  participationReason: 'Hvorfor/hvorfor ikke deltagelse?',
  /** A role every team has (UU-vejleder, jobcenter) that nobody on this team holds. */
  roleNotOnTeam: (role: string) => `${role}: ingen i teamet`,
  otherName: (place: number) => `Andre uden for teamet (angiv hvem) ${place}: navn og rolle`,
  otherAttended: (who: string) => `${who}: deltog?`,
  otherReason: (who: string) => `${who}: hvorfor/hvorfor ikke deltagelse?`,
  otherPlace: (place: number) => `Deltager ${place} uden for teamet`,
  othersFull: (max: number) => `Der er skrevet ${max} øvrige deltagere, og flere kan ikke skrives her.`,
  cancellationReasons: {
    youngPersonAbsent: 'Den unge udebliver',
    youngPersonIll: 'Den unge er syg',
    // A soft hyphen (invisible unless the word must break) for the narrow title column of the leader's figures.
    coordinatorIll: 'Myndigheds\u00ADkoordinator er syg',
    other: 'Andet (angiv hvad)',
  },
};
