// File downloads (variant p.files.js): which link paths are files. data-file-types="pdf,zip" (comma
// separated, no spaces) replaces the default list: pdf xlsx docx txt rtf csv exe key pps ppt pptx
// 7z pkg rar gz zip avi mov mp4 mpeg wmv midi mp3 wav wma dmg, written as one pattern.
import { data } from './config';

export const isDownload = (path: string) =>
  RegExp(
    `\\.(${
      data.fileTypes?.replace(/,/g, '|') ||
      'pdf|xlsx|docx|txt|rtf|csv|exe|key|pp[st]x?|7z|pkg|rar|gz|zip|avi|mov|mp[34]|mpeg|wm[va]|midi|wav|dmg'
    })$`,
    'i',
  ).test(path);
