export { QuizFlow, type QuizFlowProps } from './QuizFlow';
export { RadarChart, type RadarAxis } from './RadarChart';
export { QrCode } from './QrCode';
export { radarPoint, radarPolygon, RADAR_FRAME } from '../../core/quiz/radar';
export { reportSummary } from './summary';
export { KioskQuiz } from './KioskQuiz';
export { fetchQuizBank, type QuizBankLoad } from './load';
