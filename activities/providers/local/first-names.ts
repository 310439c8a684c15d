/**
 * A gazetteer of frequent first names in France (all generations, several origins), used to
 * tell "Julie Bernard" (a person) from "Service Urbanisme". Accents and case are ignored.
 */
import { foldAccents } from './text';

const NAMES =
  // Women
  'Marie Nathalie Isabelle Sylvie Catherine Françoise Martine Christine Sandrine Valérie Céline Sophie Stéphanie ' +
  'Aurélie Julie Camille Léa Manon Chloé Emma Inès Jade Louise Alice Lina Anna Sarah Laura Pauline Claire Anne ' +
  'Monique Jeanne Nicole Hélène Chantal Brigitte Émilie Élodie Virginie Véronique Caroline Audrey Mélanie Laetitia ' +
  'Delphine Karine Corinne Patricia Florence Agnès Marion Lucie Charlotte Margaux Océane Zoé Clara Juliette Mathilde ' +
  'Élise Elise Sabrina Vanessa Jessica Amandine Morgane Justine Maëlle Anaïs Léna Eva Romane Ambre Lou Mila Nina ' +
  'Jacqueline Danielle Michèle Michelle Josiane Denise Simone Colette Yvette Odette Ginette Huguette Suzanne Madeleine ' +
  'Geneviève Annie Dominique Évelyne Evelyne Béatrice Pascale Christiane Marguerite Lucienne Paulette Gisèle Bernadette ' +
  'Fatima Fatoumata Aïcha Aicha Nadia Leïla Leila Samira Malika Karima Yasmina Salma Amina Khadija Myriam Meryem Souad ' +
  'Aminata Mariam Awa Nora Sonia Rachida Naïma Zineb Hanane Ines Yasmine Assia Hawa Kadiatou Elodie Emilie Aurelie ' +
  'Celine Helene Valerie Stephanie Melanie Agnes Chloe Lea Zoe Oceane Maelle Anais Lena Gaelle Gaëlle Solène Solene ' +
  'Cécile Cecile Estelle Fabienne Nadine Sylviane Jocelyne Laurence Magali Muriel Myriam Noémie Noemie Ophélie Perrine ' +
  'Rose Victoria Alexandra Adèle Adele Capucine Diane Eléonore Gabrielle Héloïse Jeanne-Marie Marie-Claire Marine ' +
  'Sabine Séverine Severine Tiphaine Yvonne Berthe Alicia Andréa Anaëlle Clémence Clemence Coralie Émma Gwendoline ' +
  // Men
  'Jean Pierre Michel André Philippe Alain Nicolas Christophe Patrick Daniel Bernard Éric Eric Laurent Stéphane ' +
  'Julien David Thomas Sébastien Sebastien Olivier Frédéric Frederic Christian François Francois Jacques Claude Louis Paul ' +
  'Antoine Alexandre Maxime Kevin Kévin Lucas Hugo Léo Leo Gabriel Raphaël Raphael Arthur Jules Adam Nathan Mathis Enzo ' +
  'Théo Theo Tom Noah Ethan Timéo Sacha Baptiste Romain Guillaume Vincent Benoît Benoit Mathieu Matthieu Jérôme Jerome ' +
  'Cédric Cedric Yannick Franck Thierry Didier Dominique Gérard Gerard René Rene Roger Robert Marcel Henri Georges ' +
  'Raymond Jean-Pierre Jean-Claude Jean-Louis Jean-Marc Jean-Paul Jean-François Jean-Luc Jean-Michel Pierre-Yves ' +
  'Yves Serge Gilles Pascal Fabrice Bruno Hervé Herve Denis Joël Joel Lionel Ludovic Arnaud Damien Jérémy Jeremy ' +
  'Anthony Jonathan Florian Quentin Clément Clement Valentin Alexis Adrien Dylan Loïc Loic Mickaël Mickael Grégory ' +
  'Gregory Xavier Emmanuel Matthias Simon Victor Martin Samuel Benjamin Charles Étienne Etienne Fabien Rémi Remi ' +
  'Mohamed Mohammed Ahmed Karim Youssef Mehdi Rachid Samir Nabil Farid Hamid Mustapha Said Saïd Omar Ali Bilal Amine ' +
  'Sofiane Yanis Rayan Ibrahim Moussa Mamadou Abdel Abdoulaye Ousmane Idriss Hassan Hocine Kamel Djamel Malik Ilyes ' +
  'Marc Luc Guy Jean-Baptiste Pierre-Louis Augustin Gaspard Émile Emile Côme Timothée Maël Mael Axel Evan Nolan';

export const FIRST_NAMES: ReadonlySet<string> = new Set(NAMES.split(/\s+/).map((name) => foldAccents(name.toLowerCase())));

/** True for "Jean", "JEAN", "Jean-Pierre" (either part known), "Hélène". */
export function isFirstName(word: string): boolean {
  const folded = foldAccents(word.toLowerCase());
  return FIRST_NAMES.has(folded) || folded.split('-').some((part) => FIRST_NAMES.has(part));
}
